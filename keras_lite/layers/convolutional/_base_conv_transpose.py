"""Shared body of Conv1D/2D/3DTranspose: the gradient of a convolution with respect to its input.

Owns `kernel` (*kernel_size, filters, in_channels) — output channels before input
channels, as Keras stores it — and `bias` (filters,), both trainable and saved.
The output length per spatial dim follows Keras: without output_padding,
`length * stride` ('same') or `length * stride + max(span - stride, 0)` ('valid').
"""
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.layers.convolutional._conv_common import ConvCommon, conv_tuple, positive_int


class BaseConvTranspose(ConvCommon):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                         bias_initializer, bias_regularizer, bias_constraint,
                         activity_regularizer=activity_regularizer, **kwargs)
        cls = type(self).__name__
        self.filters = positive_int(cls, filters, "filters")
        self.output_padding = None
        if output_padding is not None:
            self.output_padding = conv_tuple(cls, output_padding, self.rank, "output_padding", minimum=0)
            if any(p >= s for p, s in zip(self.output_padding, self.strides)):
                raise ValueError(f"{cls}: each `output_padding` value must be smaller than the matching stride, "
                                 f"got output_padding={self.output_padding} and strides={self.strides}.")
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self._forbid_strided_dilation()

    def _kernel_specs(self, channels):
        return [("kernel", self.kernel_size + (self.filters, channels), "kernel")]

    def _validate(self, shape, channels):
        """Every known output length must be positive (an empty input dim gives an empty output)."""
        pads = self.output_padding or (None,) * self.rank
        for length, k, s, d, p in zip(self._spatial(shape), self.kernel_size, self.strides, self.dilation_rate,
                                      pads):
            if length is None:
                continue
            span = (k - 1) * d + 1
            if p is None:
                out = length * s + (max(span - s, 0) if self.padding == "valid" else 0)
            else:
                out = (length - 1) * s + span - 2 * (span // 2 if self.padding == "same" else 0) + p
            if length <= 0 or out <= 0:
                raise ValueError(f"{self._where()}: input shape {shape} gives a non-positive output size "
                                 f"({out}) along a spatial dim (kernel_size {self.kernel_size}, strides "
                                 f"{self.strides}, output_padding {self.output_padding}).")

    def _convolve(self, inputs, kernel):
        return ops.conv_transpose(inputs, kernel, strides=self.strides, padding=self.padding,
                                  output_padding=self.output_padding, data_format=self.data_format,
                                  dilation_rate=self.dilation_rate)

    def get_config(self):
        config = super().get_config()
        geometry = self._geometry_config()
        config.update({"filters": self.filters, "kernel_size": geometry["kernel_size"],
                       "strides": geometry["strides"], "padding": geometry["padding"],
                       "output_padding": self.output_padding, "data_format": geometry["data_format"],
                       "dilation_rate": geometry["dilation_rate"]})
        config.update(self._tail_config(["kernel"]))
        return config
