"""The loop over time that every recurrent layer runs: masking, direction, unrolling.

`time_loop` applies `output, states = step(x_t, states)` along axis 1 of
`sequences` (batch, time, ...) and returns (last output, outputs, final states).

Where `mask[:, t]` is False, a sample keeps its states and repeats its previous
output (`initial_output`, zeros, before any kept step), or outputs zeros with
`zero_output_for_mask`. `go_backwards` runs from the last step to the first and
returns outputs in that processing order. The loop is `ops.scan` (jax.lax.scan,
tf.while_loop in a graph, a Python loop on torch and numpy); `unroll` writes one
step per time index instead, which needs a known number of steps.
"""
import optree

from keras_lite import ops


def _keep(keep, new, old):
    """new where keep (batch,) is True, else old."""
    for _ in range(len(new.shape) - 1):
        keep = ops.expand_dims(keep, -1)
    return ops.where(keep, new, old)


def time_loop(step, sequences, states, initial_output, mask=None, go_backwards=False, unroll=False,
              zero_output_for_mask=False, return_sequences=True):
    state_leaves, state_def = optree.tree_flatten(states)
    inputs = optree.tree_map(lambda x: ops.swapaxes(x, 0, 1), sequences)  # time-major
    if mask is not None:
        mask = ops.swapaxes(ops.cast(mask, "bool"), 0, 1)
    if go_backwards:
        inputs = optree.tree_map(lambda x: ops.flip(x, axis=0), inputs)
        mask = None if mask is None else ops.flip(mask, axis=0)

    def body(carry, xs):
        previous, leaves = carry
        x, keep = xs if mask is not None else (xs, None)
        output, new_states = step(x, optree.tree_unflatten(state_def, list(leaves)))
        new_leaves = optree.tree_leaves(new_states)
        if len(new_leaves) != len(leaves):
            raise ValueError(f"The cell returned {len(new_leaves)} state tensor(s) for {len(leaves)} in its state.")
        if keep is not None:
            output = _keep(keep, output, ops.zeros_like(output) if zero_output_for_mask else previous)
            new_leaves = [_keep(keep, n, o) for n, o in zip(new_leaves, leaves)]
        return (output, tuple(new_leaves)), (output if return_sequences else ())

    carry = (initial_output, tuple(state_leaves))
    xs = inputs if mask is None else (inputs, mask)
    if unroll:
        steps = optree.tree_leaves(inputs)[0].shape[0]
        ys = []
        for t in range(steps):
            carry, y = body(carry, optree.tree_map(lambda x: x[t], xs))
            ys.append(y)
        outputs = ops.stack(ys, axis=0) if return_sequences else None
    else:
        carry, outputs = ops.scan(body, carry, xs)
    last_output, state_leaves = carry
    outputs = ops.swapaxes(outputs, 0, 1) if return_sequences else None
    return last_output, outputs, optree.tree_unflatten(state_def, list(state_leaves))
