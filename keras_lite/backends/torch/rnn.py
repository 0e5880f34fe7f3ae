"""Fused recurrent kernels: the whole LSTM/GRU time loop in one ATen call (`torch.lstm` / `torch.gru`), as
`torch.nn.LSTM` / `torch.nn.GRU` run it, instead of one Python step per time index.

Keras weights map onto torch's exactly: LSTM gates i, f, c, o are torch's i, f, g, o; GRU (reset_after)
gates z, r, h become torch's r, z, n. Inputs are batch-major; outputs come in processing order.
"""
import torch

from keras_lite.backends.torch.core import convert_to_tensor


def _inputs(sequences, go_backwards, dtype):
    sequences = convert_to_tensor(sequences).to(dtype)
    return torch.flip(sequences, dims=(1,)) if go_backwards else sequences


def lstm(sequences, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False, training=False):
    """(outputs (batch, time, units), last h, last c) of a tanh/sigmoid LSTM."""
    weights = (kernel.t(), recurrent_kernel.t()) + (() if bias is None else (bias, torch.zeros_like(bias)))
    outputs, h, c = torch.lstm(_inputs(sequences, go_backwards, kernel.dtype), (h0[None], c0[None]), weights,
                               bias is not None,
                               1, 0.0, training, False, True)
    return outputs, h[0], c[0]


def _torch_gate_order(w, units):
    """Keras's [z | r | h] blocks along the last axis as torch's [r | z | n]."""
    return torch.cat([w[..., units:2 * units], w[..., :units], w[..., 2 * units:]], dim=-1)


def gru(sequences, h0, kernel, recurrent_kernel, bias, go_backwards=False, training=False):
    """(outputs (batch, time, units), last h) of a tanh/sigmoid GRU with reset_after=True."""
    units = h0.shape[-1]
    weights = (_torch_gate_order(kernel, units).t(), _torch_gate_order(recurrent_kernel, units).t())
    if bias is not None:
        weights += (_torch_gate_order(bias[0], units), _torch_gate_order(bias[1], units))
    outputs, h = torch.gru(_inputs(sequences, go_backwards, kernel.dtype), h0[None], weights, bias is not None, 1,
                           0.0, training, False, True)
    return outputs, h[0]
