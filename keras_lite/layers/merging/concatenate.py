"""Concatenate: joins a list of tensors along `axis`.

All inputs need the same rank and, off the axis, the same sizes (unknown
sizes match anything); otherwise a ValueError names the layer and the shapes,
at graph-building time for symbolic inputs. Output mask (as Keras): None when
no input has one; else each input's mask (all True where it has none) is
joined along `axis` and reduced with `any` over the last axis. Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge, _describe
from keras_lite.ops._dispatch import no_recording
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Concatenate(Merge):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def _check_shapes(self, shapes):
        shapes = [tuple(s) for s in shapes]
        ranks = {len(s) for s in shapes}
        problem = None
        if len(ranks) > 1:
            problem = "the inputs' ranks differ"
        else:
            rank = ranks.pop()
            if not -rank <= self.axis < rank:
                problem = f"axis {self.axis} is out of range for rank {rank}"
            else:
                axis = self.axis % rank
                for i in range(rank):
                    sizes = {s[i] for s in shapes} - {None}
                    if i != axis and len(sizes) > 1:
                        problem = f"the sizes off the concatenation axis ({axis}) differ at axis {i}"
                        break
        if problem:
            raise ValueError(f"Concatenate layer {self.name!r}: {problem}; inputs need matching shapes except on "
                             f"the concatenation axis. Received shapes: {_describe(shapes)}.")

    def call(self, inputs, mask=None):
        return ops.concatenate(self._input_list(inputs), axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if not isinstance(inputs, (list, tuple)):
            return None
        masks = self._input_masks(inputs, mask)
        if all(m is None for m in masks):
            return None
        with no_recording():  # masks are graph metadata: computing them records no node
            full = []
            for x, m in zip(inputs, masks):
                if m is None:
                    m = ops.ones_like(x, dtype="bool")
                elif len(m.shape) < len(x.shape):
                    m = ops.logical_or(ops.expand_dims(m, -1), ops.zeros_like(x, dtype="bool"))
                full.append(m)
            return ops.any(ops.concatenate(full, axis=self.axis), axis=-1)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form: `Concatenate(axis=axis, **kwargs)(inputs)`."""
    return Concatenate(axis=axis, **kwargs)(inputs)
