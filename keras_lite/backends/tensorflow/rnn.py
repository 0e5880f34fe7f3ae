"""Fused recurrent kernels: none on this backend, where the layers' own time loop (`ops.scan`) is already
the engine's loop; the recurrent layers fall back to it."""


def lstm(sequences, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False, training=False):
    raise NotImplementedError("The tensorflow backend has no fused LSTM kernel: LSTM runs its time loop.")


def gru(sequences, h0, kernel, recurrent_kernel, bias, go_backwards=False, training=False):
    raise NotImplementedError("The tensorflow backend has no fused GRU kernel: GRU runs its time loop.")
