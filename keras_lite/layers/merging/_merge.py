"""Merge: the base of the layers that combine a list of tensors element by element.

Inputs must broadcast the way Keras allows: equal batch sizes, and per axis
(right-aligned after the batch axis) equal sizes, a size 1, or an unknown size;
an input of lower rank gets axes of size 1 inserted after its batch axis.
Otherwise a ValueError names the layer and the shapes, at graph-building time
for symbolic inputs.

Masks: the output mask is the logical OR of the input masks, or None when any
input has none (as Keras). A list of masks may be passed as `mask=`; masks
attached to the input tensors are used otherwise. Merge layers own no state.
"""
from keras_lite import ops
from keras_lite.layers.core._spec import spec_like
from keras_lite.layers.layer import Layer
from keras_lite.ops._dispatch import no_recording


def _describe(shapes):
    return ", ".join(str(tuple(s)) for s in shapes)


class Merge(Layer):
    min_inputs = 1
    exact_inputs = None  # Subtract: 2

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    # -- checks ------------------------------------------------------------------
    def _input_list(self, inputs, what="inputs"):
        """The inputs (or, for build, their shapes) as a list, checked to be a list of the right length."""
        not_list = not isinstance(inputs, (list, tuple))
        if not_list or (what == "input shapes" and not all(isinstance(s, (list, tuple)) for s in inputs)):
            raise ValueError(f"{type(self).__name__} layer {self.name!r} must be called on a list of tensors, got "
                             f"{what} {inputs!r}.")
        n = len(inputs)
        if (self.exact_inputs is not None and n != self.exact_inputs) or n < self.min_inputs:
            count = f"exactly {self.exact_inputs}" if self.exact_inputs is not None else f"at least {self.min_inputs}"
            raise ValueError(f"{type(self).__name__} layer {self.name!r} must be called on {count} inputs, got {n}.")
        return list(inputs)

    def _check_shapes(self, shapes):
        """ValueError naming the layer and the shapes unless they merge (Keras's broadcasting rule)."""
        shapes = [tuple(s) for s in shapes]
        batches = {s[0] for s in shapes if s} - {None}
        ok = len(batches) <= 1
        rest = [s[1:] for s in shapes if s]
        rank = max((len(s) for s in rest), default=0)
        for axis in range(1, rank + 1):
            sizes = {s[-axis] for s in rest if len(s) >= axis} - {None, 1}
            ok = ok and len(sizes) <= 1
        if not ok:
            raise ValueError(f"{type(self).__name__} layer {self.name!r}: the inputs' shapes do not match "
                             f"(they must be equal, or 1 or unknown on an axis): {_describe(shapes)}.")

    def build(self, input_shape):
        self._check_shapes(self._input_list(input_shape, "input shapes"))

    def compute_output_spec(self, inputs, mask=None):
        inputs = self._input_list(inputs)
        self._check_shapes([x.shape for x in inputs])
        return spec_like(super().compute_output_spec(inputs, mask=mask))

    # -- computing ---------------------------------------------------------------
    def call(self, inputs, mask=None):
        inputs = self._input_list(inputs)
        masks = self._input_masks(inputs, mask)
        ranks = [len(x.shape) for x in inputs]
        if len(set(ranks)) > 1:
            top = max(ranks)
            expanded = []
            for x, r in zip(inputs, ranks):
                for _ in range(top - r):
                    x = ops.expand_dims(x, 1)
                expanded.append(x)
            inputs = expanded
        return self._merge(inputs, masks)

    def _merge(self, inputs, masks):
        raise NotImplementedError

    # -- masks ---------------------------------------------------------------------
    def _input_masks(self, inputs, mask):
        """One mask (or None) per input: from `mask` when given, else from the input tensors."""
        if isinstance(mask, (list, tuple)):
            if len(mask) != len(inputs):
                raise ValueError(f"{type(self).__name__} layer {self.name!r}: got {len(mask)} masks for "
                                 f"{len(inputs)} inputs.")
            given = list(mask)
        else:  # a single mask: the first input's (what a single-input caller knows)
            given = [mask] + [None] * (len(inputs) - 1)
        return [m if m is not None else getattr(x, "_keras_mask", None) for x, m in zip(inputs, given)]

    def compute_mask(self, inputs, mask=None):
        if not isinstance(inputs, (list, tuple)):
            return None
        masks = self._input_masks(inputs, mask)
        if any(m is None for m in masks):
            return None
        with no_recording():  # masks are graph metadata: computing them records no node
            return self._merge_masks(inputs, masks)

    def _merge_masks(self, inputs, masks):
        out = masks[0]
        for m in masks[1:]:
            out = ops.logical_or(out, m)
        return out


def expand_mask(mask, x):
    """A (batch, ...) mask with one axis fewer than `x` gets a trailing axis, so it broadcasts against `x`."""
    return ops.expand_dims(mask, -1) if len(mask.shape) < len(x.shape) else mask


def masked_fold(op, inputs, masks):
    """Fold `op` over the inputs, letting a masked-out entry take the other operand's value (Maximum, Minimum)."""
    output, output_mask = None, None
    for x, mask in zip(inputs, masks):
        mask = None if mask is None else expand_mask(mask, x)
        if output is None:
            output, output_mask = x, mask
            continue
        if mask is not None:
            x = ops.where(mask, x, output)
        if output_mask is not None:
            output = ops.where(output_mask, output, x)
        output_mask = ops.logical_or(output_mask, mask) if mask is not None and output_mask is not None else None
        output = op(output, x)
    return output
