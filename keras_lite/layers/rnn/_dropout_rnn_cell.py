"""The per-sequence dropout masks of a recurrent cell.

A cell that mixes in DropoutRNNCell owns `dropout`, `recurrent_dropout` and a
`seed_generator` (its state is not saved). Its masks are drawn once per
sequence: the RNN layer draws them before the time loop (so the loop body holds
no random draw, which jax.lax.scan and tf.while_loop require), every step of
that call reuses them, and the layer clears them after the call. A cell called
on its own draws them at its first training call and keeps them until
`reset_dropout_mask()` / `reset_recurrent_dropout_mask()`.

`dropout_mask_count` None gives one mask; an int n gives a list of n masks, one
per gate (LSTM and GRU with recurrent dropout, as Keras).
"""
from keras_lite import ops, random


class DropoutRNNCell:
    dropout_mask_count = None

    def _draw_masks(self, step_input, rate):
        ones = ops.ones_like(step_input)
        if self.dropout_mask_count is None:
            return random.dropout(ones, rate, seed=self.seed_generator)
        return [random.dropout(ones, rate, seed=self.seed_generator) for _ in range(self.dropout_mask_count)]

    def get_dropout_mask(self, step_input):
        if getattr(self, "_dropout_mask", None) is None and self.dropout > 0:
            self._dropout_mask = self._draw_masks(step_input, self.dropout)
        return getattr(self, "_dropout_mask", None)

    def get_recurrent_dropout_mask(self, step_input):
        if getattr(self, "_recurrent_dropout_mask", None) is None and self.recurrent_dropout > 0:
            self._recurrent_dropout_mask = self._draw_masks(step_input, self.recurrent_dropout)
        return getattr(self, "_recurrent_dropout_mask", None)

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None

    def _training_masks(self, inputs, state, training):
        """(input mask(s), recurrent mask(s)) in use this step: None where that dropout is off."""
        use = training and 0.0 < self.dropout < 1.0
        use_recurrent = training and 0.0 < self.recurrent_dropout < 1.0
        return (self.get_dropout_mask(inputs) if use else None,
                self.get_recurrent_dropout_mask(state) if use_recurrent else None)


def masked_copies(x, masks, count):
    """`count` inputs for the gates: x itself, x times one shared mask, or x times each gate's mask."""
    if masks is None:
        return [x] * count
    if isinstance(masks, (list, tuple)):
        return [ops.multiply(x, m) for m in masks]
    return [ops.multiply(x, masks)] * count


def project(copies, kernel):
    """Concatenated per-gate projections `copies[g] @ kernel[:, gate g]`, one matmul when the copies are shared."""
    if all(c is copies[0] for c in copies):
        return ops.matmul(copies[0], kernel)
    parts = ops.split(kernel, len(copies), axis=-1)
    return ops.concatenate([ops.matmul(c, k) for c, k in zip(copies, parts)], axis=-1)
