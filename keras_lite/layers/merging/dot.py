"""Dot: the dot product of two tensors along `axes`, sample by sample.

`axes` is an int (the same axis of both inputs) or a pair; the batch axis 0
cannot be contracted. With `normalize=True` both inputs are L2-normalised along
their axis first, so the result is the cosine similarity. The output keeps the
batch axis, then the first input's remaining axes, then the second's; two
(batch, n) inputs give (batch, 1). Produces no mask. Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge, _describe
from keras_lite.saving.object_registration import keras_class

_LETTERS = "bcdefghijklmnopqrstuvwxy"  # "a" is the batch axis, "z" the contracted one


def batch_dot(x, y, axes):
    """Contract axis axes[0] of x with axis axes[1] of y (both > 0), keeping the batch axis shared."""
    rx, ry = len(x.shape), len(y.shape)
    if rx + ry - 2 > len(_LETTERS):
        raise ValueError(f"Dot: inputs of rank {rx} and {ry} are too many axes for one contraction.")
    x_letters = ["a"] + list(_LETTERS[:rx - 1])
    y_letters = ["a"] + list(_LETTERS[rx - 1:rx + ry - 2])
    x_letters[axes[0]] = y_letters[axes[1]] = "z"
    out = "a" + "".join(c for c in x_letters[1:] if c != "z") + "".join(c for c in y_letters[1:] if c != "z")
    result = ops.einsum(f"{''.join(x_letters)},{''.join(y_letters)}->{out}", x, y)
    return ops.expand_dims(result, -1) if len(out) == 1 else result


@keras_class("keras.layers")
class Dot(Merge):
    exact_inputs = 2

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(f"Dot: axes must be an int or a pair of ints, got {axes!r}.")
            if len(axes) != 2 or not all(isinstance(a, int) for a in axes):
                raise ValueError(f"Dot: axes must be an int or a pair of ints, got {axes!r}.")
        self.axes = axes
        self.normalize = normalize

    def _resolve_axes(self, shapes):
        pair = (self.axes, self.axes) if isinstance(self.axes, int) else tuple(self.axes)
        resolved = []
        for axis, shape in zip(pair, shapes):
            rank = len(shape)
            if not -rank <= axis < rank or axis % rank == 0:
                raise ValueError(f"Dot layer {self.name!r}: axes={self.axes!r} do not name a non-batch axis of "
                                 f"inputs with shapes {_describe(shapes)}.")
            resolved.append(axis % rank)
        return resolved

    def _check_shapes(self, shapes):
        shapes = [tuple(s) for s in shapes]
        a0, a1 = self._resolve_axes(shapes)
        d0, d1 = shapes[0][a0], shapes[1][a1]
        batches = {shapes[0][0], shapes[1][0]} - {None}
        if (d0 is not None and d1 is not None and d0 != d1) or len(batches) > 1:
            raise ValueError(f"Dot layer {self.name!r}: axis {a0} of the first input has size {d0} and axis {a1} of "
                             f"the second has size {d1}; they (and the batch sizes) must match. Received shapes: "
                             f"{_describe(shapes)}.")

    def call(self, inputs, mask=None):
        x, y = self._input_list(inputs)
        axes = self._resolve_axes([x.shape, y.shape])
        if self.normalize:
            x = ops.normalize(x, axis=axes[0])
            y = ops.normalize(y, axis=axes[1])
        return batch_dot(x, y, axes)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = super().get_config()
        config.update({"axes": self.axes, "normalize": self.normalize})
        return config


def dot(inputs, axes=-1, **kwargs):
    """Functional form: `Dot(axes=axes, **kwargs)(inputs)`."""
    return Dot(axes=axes, **kwargs)(inputs)
