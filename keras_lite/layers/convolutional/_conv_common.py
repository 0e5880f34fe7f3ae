"""What every convolution layer shares: arguments, build, call, output shapes, bias and config.

A family (_base_conv, _base_conv_transpose, _base_depthwise_conv,
_base_separable_conv) says which kernels it owns (`_kernel_specs`), how many
bias entries (`_bias_size`), which input shapes it refuses (`_validate`) and
how it convolves (`_convolve`). From those, `ConvCommon` builds the weights in
Keras's order (kernels, then `bias`), runs `activation(convolve + bias)`, and
computes output shapes without building (`compute_output_shape`).
"""
import numbers

from keras_lite import activations, constraints, initializers, ops, regularizers
from keras_lite.backends.common import config as backend_config
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.ops._dispatch import no_recording


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def conv_tuple(layer_name, value, rank, name, minimum=1):
    """An int or a sequence of `rank` ints (each >= minimum) -> a tuple, or a ValueError naming the culprit."""
    values = (value,) * rank if _is_int(value) else value
    try:
        values = tuple(values)
    except TypeError:
        values = None
    if values is None or len(values) != rank or not all(_is_int(v) and v >= minimum for v in values):
        raise ValueError(f"{layer_name}: `{name}` must be an int or a tuple of {rank} ints >= {minimum}, got "
                         f"{value!r}.")
    return tuple(int(v) for v in values)


def conv_padding(layer_name, padding, allow_causal=False):
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    mode = padding.lower() if isinstance(padding, str) else padding
    if mode not in allowed:
        raise ValueError(f"{layer_name}: `padding` must be one of {allowed}, got {padding!r}.")
    return mode


def positive_int(layer_name, value, name):
    if not _is_int(value) or value <= 0:
        raise ValueError(f"{layer_name}: `{name}` must be a positive integer, got {value!r}.")
    return int(value)


class ConvCommon(Layer):
    rank = None  # number of spatial dims, set by each public class

    def __init__(self, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                 bias_initializer, bias_regularizer, bias_constraint, activity_regularizer=None,
                 allow_causal=False, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        cls = type(self).__name__
        self.kernel_size = conv_tuple(cls, kernel_size, self.rank, "kernel_size")
        self.strides = conv_tuple(cls, strides, self.rank, "strides")
        self.dilation_rate = conv_tuple(cls, dilation_rate, self.rank, "dilation_rate")
        self.padding = conv_padding(cls, padding, allow_causal)
        self.data_format = backend_config.standardize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.bias = None
        self.input_spec = InputSpec(min_ndim=self.rank + 2)

    def _forbid_strided_dilation(self):
        """Keras refuses strides > 1 together with dilation_rate > 1 for convolutions and transposes."""
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"{type(self).__name__}: strides > 1 cannot be combined with dilation_rate > 1, got "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}.")

    # -- what a family provides -------------------------------------------------------
    def _kernel_specs(self, channels):
        """[(attribute and weight name, shape, config prefix of its initializer/regularizer/constraint)]."""
        raise NotImplementedError

    def _bias_size(self, channels):
        return self.filters

    def _validate(self, shape, channels):
        """Raise a ValueError for an input shape the layer cannot convolve (checked at graph-building time)."""

    def _convolve(self, inputs, *kernels):
        raise NotImplementedError

    # -- build, call, shapes -------------------------------------------------------------
    def build(self, input_shape):
        shape = tuple(input_shape)
        channels = self._input_channels(shape)
        self._validate(shape, channels)
        for name, kernel_shape, prefix in self._kernel_specs(channels):
            setattr(self, name, self.add_weight(
                shape=kernel_shape, initializer=getattr(self, f"{prefix}_initializer"),
                regularizer=getattr(self, f"{prefix}_regularizer"), constraint=getattr(self, f"{prefix}_constraint"),
                name=name))
        if self.use_bias:
            self.bias = self.add_weight(shape=(self._bias_size(channels),), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        name="bias")
        self._channels_in = channels
        channel_axis = -1 if self.data_format == "channels_last" else 1
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: channels})

    def call(self, inputs):
        shape = self._check_rank(inputs.shape)
        channels = self._channels(shape)
        if channels is not None and channels != self._channels_in:
            raise ValueError(f"{self._where()}: expected {self._channels_in} input channels (the layer was built "
                             f"for them), got input shape {shape} with data_format={self.data_format!r}.")
        self._validate(shape, self._channels_in)
        kernels = [getattr(self, name) for name, _, _ in self._kernel_specs(self._channels_in)]
        outputs = self._convolve(inputs, *kernels)
        if self.bias is not None:
            bias = self.bias if self.data_format == "channels_last" else ops.reshape(
                self.bias, (1, -1) + (1,) * self.rank)
            outputs = ops.add(outputs, bias)
        return self.activation(outputs)

    def compute_output_shape(self, input_shape):
        """The output shape for `input_shape` (batch included), built or not."""
        shape = tuple(input_shape)
        channels = self._input_channels(shape)
        self._validate(shape, channels)
        kernels = [KerasTensor(kernel_shape, self.compute_dtype) for _, kernel_shape, _ in self._kernel_specs(channels)]
        with no_recording():
            return tuple(self._convolve(KerasTensor(shape, self.compute_dtype), *kernels).shape)

    # -- shape checks ----------------------------------------------------------------
    def _where(self):
        return f"{type(self).__name__} {self.name!r}"

    def _spatial(self, shape):
        return tuple(shape[1:-1]) if self.data_format == "channels_last" else tuple(shape[2:])

    def _channels(self, shape):
        return shape[-1] if self.data_format == "channels_last" else shape[1]

    def _check_rank(self, shape):
        shape = tuple(shape)
        if len(shape) != self.rank + 2:
            layout = "channels, spatial..." if self.data_format == "channels_first" else "spatial..., channels"
            raise ValueError(f"{self._where()}: expected inputs of rank {self.rank + 2} (batch, {layout}) with "
                             f"data_format={self.data_format!r}, got input shape {shape}.")
        return shape

    def _input_channels(self, shape):
        """The channel count of an input shape, checked: rank and a known channel dim."""
        channels = self._channels(self._check_rank(shape))
        if channels is None:
            raise ValueError(f"{self._where()}: the channel dimension of the inputs must be known, got input "
                             f"shape {tuple(shape)} with data_format={self.data_format!r}.")
        return channels

    def _check_fits(self, shape, padding, lengths=None):
        """A 'valid' window must fit in every known spatial dim (a graph-building error, not an engine one)."""
        if padding != "valid":
            return
        for length, k, d in zip(lengths or self._spatial(shape), self.kernel_size, self.dilation_rate):
            if length is not None and length < (k - 1) * d + 1:
                raise ValueError(
                    f"{self._where()}: kernel_size {self.kernel_size} (dilation_rate {self.dilation_rate}) does "
                    f"not fit in the input with padding='valid': input shape {tuple(shape)}, spatial dims "
                    f"{self._spatial(shape)}. The output would have a non-positive size.")

    # -- config ------------------------------------------------------------------------
    def _geometry_config(self):
        return {"kernel_size": self.kernel_size, "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate}

    def _tail_config(self, prefixes):
        """activation, use_bias, then initializers, regularizers and constraints in Keras's order.

        `prefixes` name the kernels' settings ("kernel", "depthwise", ...). An activity regularizer
        already in the base config keeps the base's place, as in Keras."""
        config = {"activation": activations.serialize(self.activation), "use_bias": self.use_bias}
        for kind, serialize in (("initializer", initializers.serialize), ("regularizer", regularizers.serialize),
                                ("constraint", constraints.serialize)):
            for prefix in prefixes + ["bias"]:
                config[f"{prefix}_{kind}"] = serialize(getattr(self, f"{prefix}_{kind}"))
            if kind == "regularizer":
                config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config
