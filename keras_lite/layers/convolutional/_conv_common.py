"""What every convolution layer shares: argument normalization, input checks, bias and activation.

`ConvCommon` holds kernel_size, strides, padding, data_format, dilation_rate,
activation, use_bias and the bias initializer/regularizer/constraint; the
families (_base_conv, _base_conv_transpose, _base_depthwise_conv,
_base_separable_conv) add their kernels.
"""
from keras_lite import activations, constraints, initializers, ops, regularizers
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.layer import Layer


def conv_tuple(layer_name, value, rank, name, minimum=1):
    """An int or a sequence of `rank` ints (each >= minimum) -> a tuple, or a ValueError naming the culprit."""
    values = (value,) * rank if isinstance(value, int) and not isinstance(value, bool) else value
    try:
        values = tuple(values)
    except TypeError:
        values = None
    if values is None or len(values) != rank or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= minimum for v in values):
        raise ValueError(f"{layer_name}: `{name}` must be an int or a tuple of {rank} ints >= {minimum}, got "
                         f"{value!r}.")
    return values


def conv_padding(layer_name, padding, allow_causal=False):
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    mode = padding.lower() if isinstance(padding, str) else padding
    if mode not in allowed:
        raise ValueError(f"{layer_name}: `padding` must be one of {allowed}, got {padding!r}.")
    return mode


def positive_int(layer_name, value, name):
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{layer_name}: `{name}` must be a positive integer, got {value!r}.")
    return value


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

    def _forbid_strided_dilation(self):
        """Keras refuses strides > 1 together with dilation_rate > 1 for convolutions and transposes."""
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"{type(self).__name__}: strides > 1 cannot be combined with dilation_rate > 1, got "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}.")

    # -- shapes -------------------------------------------------------------------
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

    def _input_channels(self, input_shape):
        """The channel count of a build shape, checked: rank and a known channel dim."""
        shape = self._check_rank(input_shape)
        channels = self._channels(shape)
        if channels is None:
            raise ValueError(f"{self._where()}: the channel dimension of the inputs must be known, got input "
                             f"shape {shape} with data_format={self.data_format!r}.")
        return channels

    def _check_fits(self, shape, padding=None):
        """A 'valid' window must fit in every known spatial dim (a graph-building error, not an engine one)."""
        if (padding or self.padding) != "valid":
            return
        for length, k, d in zip(self._spatial(shape), self.kernel_size, self.dilation_rate):
            span = (k - 1) * d + 1
            if length is not None and length < span:
                raise ValueError(
                    f"{self._where()}: kernel_size {self.kernel_size} (dilation_rate {self.dilation_rate}) does "
                    f"not fit in the input with padding='valid': input shape {tuple(shape)}, spatial dims "
                    f"{self._spatial(shape)}. The output would have a non-positive size.")

    def _check_call_input(self, inputs, expected_channels):
        shape = self._check_rank(inputs.shape)
        channels = self._channels(shape)
        if channels is not None and channels != expected_channels:
            raise ValueError(f"{self._where()}: expected {expected_channels} input channels (the layer was built "
                             f"for them), got input shape {shape} with data_format={self.data_format!r}.")
        return shape

    # -- output -------------------------------------------------------------------
    def _add_bias(self, outputs):
        if self.bias is None:
            return outputs
        if self.data_format == "channels_last":
            return ops.add(outputs, self.bias)
        return ops.add(outputs, ops.reshape(self.bias, (1, -1) + (1,) * self.rank))

    def _make_bias(self, size):
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(shape=(size,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        name="bias")

    def _geometry_config(self):
        return {"kernel_size": self.kernel_size, "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate}

    def _tail_config(self, kernel_names):
        """activation, use_bias, then initializers, regularizers, constraints in Keras's order.

        `kernel_names` are the kernels' prefixes ("kernel", "depthwise", ...). An activity regularizer
        already in the base config keeps the base's place, as in Keras."""
        config = {"activation": activations.serialize(self.activation), "use_bias": self.use_bias}
        for prefix in kernel_names:
            config[f"{prefix}_initializer"] = initializers.serialize(getattr(self, f"{prefix}_initializer"))
        config["bias_initializer"] = initializers.serialize(self.bias_initializer)
        for prefix in kernel_names:
            config[f"{prefix}_regularizer"] = regularizers.serialize(getattr(self, f"{prefix}_regularizer"))
        config["bias_regularizer"] = regularizers.serialize(self.bias_regularizer)
        config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        for prefix in kernel_names:
            config[f"{prefix}_constraint"] = constraints.serialize(getattr(self, f"{prefix}_constraint"))
        config["bias_constraint"] = constraints.serialize(self.bias_constraint)
        return config
