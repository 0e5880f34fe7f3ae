"""LSTM and GRU time loops written for TensorFlow, as the recurrent layers' fused kernels.

The input projection of every time step is one matmul before the loop (the loop then does only the
recurrent matmul and the gates); the loop is a `tf.while_loop`. Called eagerly, the loop runs as one
compiled `tf.function` (one call instead of a dozen eager ops per time step); inside a graph it is built
in place. Gates are in Keras's order (LSTM i, f, c, o; GRU z, r, h with reset_after=True). Inputs are
batch-major; outputs come in processing order, as the layers' own loop returns them.
"""
import tensorflow as tf

from keras_lite.backends.tensorflow._host_ints import int_vector
from keras_lite.backends.tensorflow.core import convert_to_tensor


def _projected(sequences, kernel, bias, go_backwards):
    """x @ kernel (+ bias) for every step, time-major: (time, batch, gates * units)."""
    x = convert_to_tensor(sequences, kernel.dtype)
    if go_backwards:
        x = tf.reverse(x, [1])
    x = tf.transpose(x, int_vector((1, 0, 2)))
    shape = tf.shape(x)
    z = tf.reshape(tf.matmul(tf.reshape(x, [-1, shape[2]]), kernel), tf.concat([shape[:2], [-1]], 0))
    return z if bias is None else z + bias


def _scan(cell, inputs, states):
    """Run `states = cell(x_t, states)` over the time-major `inputs`; (every step's first state, stacked on
    axis 1, and the last states)."""
    steps = tf.shape(inputs)[0]
    xs = tf.TensorArray(inputs.dtype, size=steps).unstack(inputs)
    hs = tf.TensorArray(inputs.dtype, size=steps, element_shape=states[0].shape)

    def body(t, hs, *states):
        states = cell(xs.read(t), *states)
        return (t + 1, hs.write(t, states[0]), *states)

    _, hs, *states = tf.while_loop(lambda t, *_: t < steps, body, (tf.constant(0), hs, *states))
    outputs = tf.transpose(hs.stack(), [1, 0, 2])
    outputs.set_shape([states[0].shape[0], inputs.shape[0], states[0].shape[-1]])
    return (outputs, *states)


def _lstm_loop(z, h0, c0, recurrent_kernel):
    def cell(z_t, h, c):
        i, f, g, o = tf.split(z_t + tf.matmul(h, recurrent_kernel), 4, axis=-1)
        c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
        return tf.sigmoid(o) * tf.tanh(c), c

    return _scan(cell, z, (h0, c0))


def _gru_loop(x, h0, recurrent_kernel, recurrent_bias):
    def cell(x_t, h):
        inner = tf.matmul(h, recurrent_kernel)
        if recurrent_bias is not None:
            inner = inner + recurrent_bias
        x_z, x_r, x_h = tf.split(x_t, 3, axis=-1)
        inner_z, inner_r, inner_h = tf.split(inner, 3, axis=-1)
        z = tf.sigmoid(x_z + inner_z)
        r = tf.sigmoid(x_r + inner_r)
        candidate = tf.tanh(x_h + r * inner_h)
        return (z * h + (1 - z) * candidate,)

    return _scan(cell, x, (h0,))


# Eager calls: one graph per input signature (shapes relaxed after the first retrace).
_compiled_lstm_loop = tf.function(_lstm_loop, autograph=False, reduce_retracing=True)
_compiled_gru_loop = tf.function(_gru_loop, autograph=False, reduce_retracing=True)


def _loop(traced, compiled, *args):
    return (compiled if tf.executing_eagerly() else traced)(*args)


def lstm(sequences, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False, training=False):
    """(outputs (batch, time, units), last h, last c) of a tanh/sigmoid LSTM."""
    kernel, recurrent_kernel = convert_to_tensor(kernel), convert_to_tensor(recurrent_kernel)
    z = _projected(sequences, kernel, None if bias is None else convert_to_tensor(bias), go_backwards)
    h0, c0 = convert_to_tensor(h0, kernel.dtype), convert_to_tensor(c0, kernel.dtype)
    return _loop(_lstm_loop, _compiled_lstm_loop, z, h0, c0, recurrent_kernel)


def gru(sequences, h0, kernel, recurrent_kernel, bias, go_backwards=False, training=False):
    """(outputs (batch, time, units), last h) of a tanh/sigmoid GRU with reset_after=True; `bias` is
    (input bias, recurrent bias) stacked, as the layer holds it."""
    kernel, recurrent_kernel = convert_to_tensor(kernel), convert_to_tensor(recurrent_kernel)
    bias = None if bias is None else convert_to_tensor(bias)
    x = _projected(sequences, kernel, None if bias is None else bias[0], go_backwards)
    h0 = convert_to_tensor(h0, kernel.dtype)
    return _loop(_gru_loop, _compiled_gru_loop, x, h0, recurrent_kernel, None if bias is None else bias[1])
