"""CenterCrop: the central (height, width) window of each image, in the compute dtype. Owns no state.

An image smaller than the target along a dim is instead cropped to the target's
aspect ratio and resized to it (bilinear), as Keras does.
"""
from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.layer import Layer
from keras_lite.layers.preprocessing.resizing import check_image_rank, check_size
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class CenterCrop(Layer):
    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(**kwargs)
        check_size("CenterCrop", height, width)
        self.height = height
        self.width = width
        self.data_format = backend_config.standardize_data_format(data_format)

    def call(self, inputs):
        check_image_rank(self, inputs)
        inputs = ops.cast(inputs, self.compute_dtype)
        shape = tuple(inputs.shape)
        n = len(shape)
        h_axis, w_axis = (n - 3, n - 2) if self.data_format == "channels_last" else (n - 2, n - 1)
        height, width = shape[h_axis], shape[w_axis]
        if height is None or width is None:
            if isinstance(inputs, KerasTensor):
                out = list(shape)
                out[h_axis], out[w_axis] = self.height, self.width
                return KerasTensor(tuple(out), inputs.dtype)
            return self._crop_dynamic(inputs, h_axis, w_axis)
        if height < self.height or width < self.width:
            return ops.image.resize(inputs, (self.height, self.width), interpolation="bilinear",
                                    crop_to_aspect_ratio=True, data_format=self.data_format)
        index = [slice(None)] * n
        top, left = (height - self.height) // 2, (width - self.width) // 2
        index[h_axis], index[w_axis] = slice(top, top + self.height), slice(left, left + self.width)
        return inputs[tuple(index)]

    def _crop_dynamic(self, inputs, h_axis, w_axis):
        """Traced inputs of unknown height or width (e.g. in a tf.function): the centre crop, no resizing."""
        dims = ops.shape(inputs)
        starts = [0] * len(dims)
        sizes = [-1] * len(dims)
        starts[h_axis], starts[w_axis] = (dims[h_axis] - self.height) // 2, (dims[w_axis] - self.width) // 2
        sizes[h_axis], sizes[w_axis] = self.height, self.width
        return ops.slice(inputs, starts, sizes)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width, "data_format": self.data_format})
        return config
