"""Shared body of Conv1D/2D/3D: `activation(conv(inputs, kernel) + bias)`, optionally grouped.

Owns `kernel` (*kernel_size, in_channels // groups, filters) and `bias` (filters,),
both trainable and saved. Conv1D also takes padding='causal' (left padding only).
"""
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.layers.convolutional._conv_common import ConvCommon, positive_int


class BaseConv(ConvCommon):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                         bias_initializer, bias_regularizer, bias_constraint,
                         activity_regularizer=activity_regularizer, allow_causal=self.rank == 1, **kwargs)
        cls = type(self).__name__
        self.filters = positive_int(cls, filters, "filters")
        self.groups = positive_int(cls, groups, "groups")
        if self.filters % self.groups:
            raise ValueError(f"{cls}: `filters` ({filters}) must be divisible by `groups` ({groups}).")
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self._forbid_strided_dilation()

    def _kernel_specs(self, channels):
        return [("kernel", self.kernel_size + (channels // self.groups, self.filters), "kernel")]

    def _causal_pad(self):
        return self.dilation_rate[0] * (self.kernel_size[0] - 1)

    def _validate(self, shape, channels):
        if channels % self.groups:
            raise ValueError(f"{self._where()}: the input channels ({channels}) must be divisible by `groups` "
                             f"({self.groups}); got input shape {shape}.")
        if self.padding == "causal":
            length = self._spatial(shape)[0]
            self._check_fits(shape, "valid", [None if length is None else length + self._causal_pad()])
        else:
            self._check_fits(shape, self.padding)

    def _convolve(self, inputs, kernel):
        padding = self.padding
        if padding == "causal":
            pads = [[0, 0], [0, 0], [0, 0]]
            pads[1 if self.data_format == "channels_last" else 2][0] = self._causal_pad()
            inputs, padding = ops.pad(inputs, pads), "valid"
        return ops.conv(inputs, kernel, strides=self.strides, padding=padding, data_format=self.data_format,
                        dilation_rate=self.dilation_rate)

    def get_config(self):
        config = super().get_config()
        config["filters"] = self.filters
        config.update(self._geometry_config())
        config["groups"] = self.groups
        config.update(self._tail_config(["kernel"]))
        return config
