import itertools
import math

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import config
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing import OpCase, case_ids, run_op_case

rng = np.random.default_rng(7)


def normal(*shape, dtype="float32", scale=1.0):
    return (rng.normal(size=shape) * scale).astype(dtype)


X = normal(2, 5, scale=3.0)
I = np.array([[-3, -1, 0], [1, 2, 7]], dtype="int32")
EPS = 1e-7

# ---------------------------------------------------------------- NumPy references


def _sigmoid(x):
    return 1 / (1 + np.exp(-x.astype("float64")))


def _elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1))


_erf = np.vectorize(math.erf)


def _softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _log_softmax(x, axis=-1):
    return np.log(_softmax(x.astype("float64"), axis))


def _sparsemax_1d(z):
    # Bisection on tau: sum(max(z - tau, 0)) == 1.
    lo, hi = z.max() - 1, z.max()
    for _ in range(100):
        tau = (lo + hi) / 2
        lo, hi = (tau, hi) if np.maximum(z - tau, 0).sum() > 1 else (lo, tau)
    return np.maximum(z - (lo + hi) / 2, 0)


def _sparsemax(x, axis=-1):
    return np.apply_along_axis(_sparsemax_1d, axis, x.astype("float64"))


def _tup(v, n):
    return (v,) * n if isinstance(v, int) else tuple(v)


def _same_pad(length, span, stride):
    out = -(-length // stride)
    total = max((out - 1) * stride + span - length, 0)
    return total // 2, total - total // 2


def ref_conv(x, k, strides=1, padding="valid", data_format="channels_last", dilation_rate=1):
    """Direct convolution by loops (grouped when x has a multiple of the kernel's in-channels)."""
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    n = x.ndim - 2
    s, d, ks = _tup(strides, n), _tup(dilation_rate, n), k.shape[:n]
    spans = [(ks[i] - 1) * d[i] + 1 for i in range(n)]
    if padding == "same":
        pads = [_same_pad(x.shape[i + 1], spans[i], s[i]) for i in range(n)]
        x = np.pad(x.astype("float64"), [(0, 0)] + pads + [(0, 0)])
    out = [(x.shape[i + 1] - spans[i]) // s[i] + 1 for i in range(n)]
    k_in, k_out = k.shape[-2:]
    groups = x.shape[-1] // k_in
    per = k_out // groups
    y = np.zeros((x.shape[0], *out, k_out))
    for pos in itertools.product(*map(range, out)):
        for off in itertools.product(*map(range, ks)):
            patch = x[(slice(None),) + tuple(pos[i] * s[i] + off[i] * d[i] for i in range(n))]
            for g in range(groups):
                y[(slice(None),) + pos + (slice(g * per, (g + 1) * per),)] += (
                    patch[:, g * k_in:(g + 1) * k_in] @ k[off][:, g * per:(g + 1) * per])
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def ref_depthwise(x, k, strides=1, padding="valid", data_format="channels_last", dilation_rate=1):
    grouped = k.reshape(k.shape[:-2] + (1, k.shape[-2] * k.shape[-1]))
    return ref_conv(x, grouped, strides, padding, data_format, dilation_rate)


def ref_separable(x, dk, pk, strides=1, padding="valid", data_format="channels_last", dilation_rate=1):
    return ref_conv(ref_depthwise(x, dk, strides, padding, data_format, dilation_rate), pk, 1, "valid", data_format)


def ref_conv_transpose(x, k, strides=1, padding="valid", output_padding=None, data_format="channels_last",
                       dilation_rate=1):
    """Each input position scatters x[i] @ k[o].T to output position i*s + o*d - pad_before."""
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    n = x.ndim - 2
    s, d, ks = _tup(strides, n), _tup(dilation_rate, n), k.shape[:n]
    op = _tup(output_padding, n) if output_padding is not None else (None,) * n
    out, before = [], []
    for i in range(n):
        length, span = x.shape[i + 1], (ks[i] - 1) * d[i] + 1
        if op[i] is None:
            size = length * s[i] + max(span - s[i], 0) if padding == "valid" else length * s[i]
        else:
            size = (length - 1) * s[i] + span - 2 * (span // 2 if padding == "same" else 0) + op[i]
        out.append(size)
        before.append(max((length - 1) * s[i] + span - size, 0) // 2 if padding == "same" else 0)
    y = np.zeros((x.shape[0], *out, k.shape[-2]))
    for pos in itertools.product(*(range(m) for m in x.shape[1:-1])):
        for off in itertools.product(*map(range, ks)):
            at = tuple(pos[i] * s[i] + off[i] * d[i] - before[i] for i in range(n))
            if all(0 <= a < m for a, m in zip(at, out)):
                y[(slice(None),) + at] += x[(slice(None),) + pos] @ k[off].T
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def ref_pool(x, pool_size, strides=None, padding="valid", data_format="channels_last", mode="max"):
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    n = x.ndim - 2
    p = _tup(pool_size, n)
    s = p if strides is None else _tup(strides, n)
    pads = [_same_pad(x.shape[i + 1], p[i], s[i]) if padding == "same" else (0, 0) for i in range(n)]
    out = [(x.shape[i + 1] + sum(pads[i]) - p[i]) // s[i] + 1 for i in range(n)]
    y = np.zeros((x.shape[0], *out, x.shape[-1]))
    for pos in itertools.product(*map(range, out)):
        index = tuple(slice(max(pos[i] * s[i] - pads[i][0], 0), pos[i] * s[i] - pads[i][0] + p[i]) for i in range(n))
        window = x[(slice(None),) + index].reshape(x.shape[0], -1, x.shape[-1])
        y[(slice(None),) + pos] = window.max(1) if mode == "max" else window.mean(1)
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def ref_adaptive(x, output_size, data_format="channels_last", mode="average"):
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    n = x.ndim - 2
    sizes = _tup(output_size, n)
    y = np.zeros((x.shape[0], *sizes, x.shape[-1]))
    for pos in itertools.product(*map(range, sizes)):
        index = tuple(slice(math.floor(pos[i] * x.shape[i + 1] / sizes[i]),
                            math.ceil((pos[i] + 1) * x.shape[i + 1] / sizes[i])) for i in range(n))
        window = x[(slice(None),) + index].reshape(x.shape[0], -1, x.shape[-1])
        y[(slice(None),) + pos] = window.mean(1) if mode == "average" else window.max(1)
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def ref_depth_to_space(x, block_size, data_format="channels_last"):
    b = block_size
    if data_format == "channels_first":
        n, c, h, w = x.shape
        y = np.zeros((n, c // (b * b), h * b, w * b), x.dtype)
        for ch, i, j in itertools.product(range(c // (b * b)), range(b), range(b)):
            y[:, ch, i::b, j::b] = x[:, ch * b * b + i * b + j]
        return y
    n, h, w, c = x.shape
    y = np.zeros((n, h * b, w * b, c // (b * b)), x.dtype)
    for i, j in itertools.product(range(b), range(b)):
        start = (i * b + j) * (c // (b * b))
        y[:, i::b, j::b, :] = x[..., start:start + c // (b * b)]
    return y


def ref_space_to_depth(x, block_size, data_format="channels_last"):
    b = block_size
    if data_format == "channels_first":
        n, c, h, w = x.shape
        y = np.zeros((n, c * b * b, h // b, w // b), x.dtype)
        for ch, i, j in itertools.product(range(c), range(b), range(b)):
            y[:, ch * b * b + i * b + j] = x[:, ch, i::b, j::b]
        return y
    n, h, w, c = x.shape
    y = np.zeros((n, h // b, w // b, c * b * b), x.dtype)
    for i, j in itertools.product(range(b), range(b)):
        y[..., (i * b + j) * c:(i * b + j + 1) * c] = x[:, i::b, j::b, :]
    return y


def ref_unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    k, d, p, s = (_tup(v, 2) for v in (kernel_size, dilation, padding, stride))
    x = np.pad(x, ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])))
    n, c, h, w = x.shape
    oh, ow = ((h - (k[0] - 1) * d[0] - 1) // s[0] + 1, (w - (k[1] - 1) * d[1] - 1) // s[1] + 1)
    y = np.zeros((n, c * k[0] * k[1], oh * ow), x.dtype)
    for ch, i, j, a, b in itertools.product(range(c), range(k[0]), range(k[1]), range(oh), range(ow)):
        y[:, (ch * k[0] + i) * k[1] + j, a * ow + b] = x[:, ch, a * s[0] + i * d[0], b * s[1] + j * d[1]]
    return y


def ref_fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    o, k, d, p, s = (_tup(v, 2) for v in (output_size, kernel_size, dilation, padding, stride))
    n, ckk, _ = x.shape
    c = ckk // (k[0] * k[1])
    h, w = o[0] + 2 * p[0], o[1] + 2 * p[1]
    oh, ow = ((h - (k[0] - 1) * d[0] - 1) // s[0] + 1, (w - (k[1] - 1) * d[1] - 1) // s[1] + 1)
    y = np.zeros((n, c, h, w), x.dtype)
    for ch, i, j, a, b in itertools.product(range(c), range(k[0]), range(k[1]), range(oh), range(ow)):
        y[:, ch, a * s[0] + i * d[0], b * s[1] + j * d[1]] += x[:, (ch * k[0] + i) * k[1] + j, a * ow + b]
    return y[:, :, p[0]:p[0] + o[0], p[1]:p[1] + o[1]]


def ref_bce(target, output, from_logits=False):
    # Clipped in the output's own dtype, as the op does: float32(1 - 1e-7) is 1 - 1.19e-7.
    eps = np.asarray(EPS, output.dtype)
    p = _sigmoid(output) if from_logits else np.clip(output, eps, 1 - eps).astype("float64")
    return -(target * np.log(p) + (1 - target) * np.log(1 - p))


def ref_cce(target, output, from_logits=False, axis=-1):
    output = output.astype("float64")
    if from_logits:
        logp = _log_softmax(output, axis)
    else:
        logp = np.log(np.clip(output / output.sum(axis, keepdims=True), EPS, 1 - EPS))  # no value near 1 here
    return -(target * logp).sum(axis)


def ref_scce(target, output, from_logits=False, axis=-1):
    target = target.reshape(target.shape[:-1]) if target.ndim == output.ndim else target
    hot = np.moveaxis(np.arange(output.shape[axis]) == target[..., None], -1, axis)
    return ref_cce(hot.astype("float64"), output, from_logits, axis)


def ref_one_hot(x, num_classes, axis=-1, dtype="float32"):
    return np.moveaxis(np.arange(num_classes) == x[..., None], -1, axis).astype(dtype)


def ref_multi_hot(x, num_classes, dtype="float32"):
    out = np.zeros(x.shape[:-1] + (num_classes,), dtype)
    for index in np.ndindex(*x.shape):
        if 0 <= x[index] < num_classes:
            out[index[:-1] + (x[index],)] = 1
    return out


def ref_moments(x, axes, keepdims=False):
    x = x.astype("float64")
    return x.mean(tuple(axes), keepdims=keepdims), x.var(tuple(axes), keepdims=keepdims)


def ref_attention(q, k, v, bias=None, mask=None, scale=None, is_causal=False, flash_attention=None,
                  attn_logits_soft_cap=None):
    unbatched = q.ndim == 3
    if unbatched:
        q, k, v = q[None], k[None], v[None]
    b, t, heads, h = q.shape
    s, kv_heads = k.shape[1], k.shape[2]
    scale = 1 / np.sqrt(h) if scale is None else scale
    out = np.zeros((b, t, heads, v.shape[-1]))
    for bi, n in itertools.product(range(b), range(heads)):
        g = n // (heads // kv_heads)
        logits = (q[bi, :, n].astype("float64") @ k[bi, :, g].T) * scale
        if attn_logits_soft_cap is not None:
            logits = np.tanh(logits / attn_logits_soft_cap) * attn_logits_soft_cap
        if bias is not None:
            logits = logits + np.broadcast_to(bias, (b, heads, t, s))[bi, n]
        keep = np.ones((t, s), bool)
        if mask is not None:
            keep &= np.broadcast_to(mask, (b, heads, t, s))[bi, n]
        if is_causal:
            keep &= np.tril(np.ones((t, s), bool))
        logits = np.where(keep, logits, -1e30)
        out[bi, :, n] = _softmax(logits) @ v[bi, :, g]
    return out[0] if unbatched else out


def _collapse(path, blank):
    out = [c for i, c in enumerate(path) if c != blank and (i == 0 or c != path[i - 1])]
    return tuple(out)


def ref_ctc_loss(target, output, target_length, output_length, mask_index=0):
    """Sums the probability of every alignment that collapses to the target (tiny sizes only)."""
    logp = _log_softmax(output, -1)
    losses = []
    for b in range(output.shape[0]):
        want = tuple(target[b, :target_length[b]])
        t = output_length[b]
        total = sum(np.exp(sum(logp[b, i, c] for i, c in enumerate(path)))
                    for path in itertools.product(range(output.shape[2]), repeat=t)
                    if _collapse(path, mask_index) == want)
        losses.append(-np.log(total))
    return np.array(losses)


def ref_ctc_greedy(inputs, lengths, strategy="greedy", beam_width=100, top_paths=1, merge_repeated=True,
                   mask_index=0):
    b, t, _ = inputs.shape
    paths = -np.ones((1, b, t), "int32")
    scores = np.zeros((b, 1))
    for i in range(b):
        best = inputs[i, :lengths[i]].argmax(-1)
        scores[i, 0] = -inputs[i, :lengths[i]].max(-1).sum()
        keep = [c for j, c in enumerate(best)
                if c != mask_index and not (merge_repeated and j > 0 and c == best[j - 1])]
        paths[0, i, :len(keep)] = keep
    return paths, scores


def ref_ctc_beam(inputs, lengths, strategy="beam_search", beam_width=100, top_paths=1, merge_repeated=True,
                 mask_index=0):
    """Exact best label sequences by enumerating every alignment (tiny sizes only)."""
    logp = _log_softmax(inputs, -1)
    b, t, c = inputs.shape
    paths = -np.ones((top_paths, b, t), "int32")
    scores = np.zeros((b, top_paths))
    for i in range(b):
        totals = {}
        for path in itertools.product(range(c), repeat=int(lengths[i])):
            key = _collapse(path, mask_index)
            totals[key] = totals.get(key, 0) + np.exp(sum(logp[i, j, k] for j, k in enumerate(path)))
        best = sorted(totals.items(), key=lambda item: -item[1])[:top_paths]
        for j, (key, p) in enumerate(best):
            paths[j, i, :len(key)] = key
            scores[i, j] = np.log(p)
    return paths, scores


# ------------------------------------------------------------------ op cases

CONV_NONE = [(0,), ()]          # unknown batch
CONV_NONE_SPATIAL = [(0, 1), ()]  # unknown batch and first spatial dim

X1 = normal(2, 7, 3)
X2 = normal(2, 6, 5, 3)
X2F = normal(2, 3, 7, 6)
X3 = normal(1, 4, 5, 4, 2)
K1 = normal(3, 3, 4)
K2 = normal(3, 2, 3, 4)
XG = normal(1, 5, 5, 4)
KG = normal(3, 3, 2, 6)
POOL = normal(2, 7, 6, 3)
PROBS = rng.uniform(size=(3, 4)).astype("float32")
ACT = [
    ("relu", lambda x: np.maximum(x, 0), {}),
    ("relu6", lambda x: np.clip(x, 0, 6), {}),
    ("sigmoid", _sigmoid, {}),
    ("sparse_sigmoid", lambda x: np.clip((x + 1) / 2, 0, 1), {}),
    ("softplus", lambda x: np.log1p(np.exp(x.astype("float64"))), {}),
    ("softsign", lambda x: x / (1 + np.abs(x)), {}),
    ("soft_shrink", lambda x, threshold=0.5: np.where(np.abs(x) > threshold, x - np.sign(x) * threshold, 0),
     {"threshold": 0.7}),
    ("sparse_plus", lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)), {}),
    ("silu", lambda x: x * _sigmoid(x), {}),
    ("swish", lambda x: x * _sigmoid(x), {}),
    ("squareplus", lambda x, b=4: (x + np.sqrt(x.astype("float64") ** 2 + b)) / 2, {"b": 2}),
    ("log_sigmoid", lambda x: np.log(_sigmoid(x)), {}),
    ("leaky_relu", lambda x, negative_slope=0.2: np.where(x > 0, x, negative_slope * x), {"negative_slope": 0.1}),
    ("hard_sigmoid", lambda x: np.clip(x + 3, 0, 6) / 6, {}),
    ("hard_silu", lambda x: x * np.clip(x + 3, 0, 6) / 6, {}),
    ("hard_swish", lambda x: x * np.clip(x + 3, 0, 6) / 6, {}),
    ("elu", lambda x, alpha=1.0: _elu(x.astype("float64"), alpha), {"alpha": 0.5}),
    ("selu", lambda x: 1.0507009873554805 * _elu(x.astype("float64"), 1.6732632423543772), {}),
    ("gelu", lambda x, approximate=True: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3))), {}),
    ("gelu", lambda x, approximate=True: 0.5 * x * (1 + _erf(x.astype("float64") / np.sqrt(2))),
     {"approximate": False}),
    ("celu", lambda x, alpha=1.0: np.maximum(x, 0) + np.minimum(0, alpha * (np.exp(x.astype("float64") / alpha) - 1)),
     {"alpha": 2.0}),
    ("tanh_shrink", lambda x: x - np.tanh(x.astype("float64")), {}),
    ("hard_tanh", lambda x: np.clip(x, -1, 1), {}),
    ("hard_shrink", lambda x, threshold=0.5: np.where(np.abs(x) > threshold, x, 0), {"threshold": 1.0}),
]

CASES = [
    OpCase(name, (X,), ref, kwargs=kw, dtype="float32", tol=1e-5, id=f"{name}_{'_'.join(map(str, kw.values()))}")
    for name, ref, kw in ACT
] + [
    OpCase("relu", (I,), lambda x: np.maximum(x, 0), dtype="int32", id="relu_int"),
    OpCase("relu6", (I,), lambda x: np.clip(x, 0, 6), dtype="int32", id="relu6_int"),
    OpCase("sigmoid", (I,), lambda x: _sigmoid(x), dtype="float32", id="sigmoid_int"),
    OpCase("gelu", (X.astype("float64"),), lambda x, approximate: 0.5 * x * (1 + _erf(x / np.sqrt(2))),
           kwargs={"approximate": False},
           dtype="float64", tol=1e-6, id="gelu_exact_float64"),
    OpCase("silu", (X.astype("float16"),), lambda x: x * _sigmoid(x), dtype="float16", id="silu_float16"),
    OpCase("threshold", (X, 0.5, -1.0), lambda x, t, v: np.where(x > t, x, v), dtype="float32"),
    OpCase("threshold", (I, 0, 5), lambda x, t, v: np.where(x > t, x, v), dtype="int32", id="threshold_int"),
    OpCase("glu", (normal(2, 6),), lambda x, axis=-1: x[:, :3] * _sigmoid(x[:, 3:]), dtype="float32", known_dims=(1,)),
    OpCase("glu", (normal(4, 3),), lambda x, axis=-1: x[:2] * _sigmoid(x[2:]), kwargs={"axis": 0}, none_dims=[(1,)],
           id="glu_axis0"),
    OpCase("softmax", (X,), _softmax, dtype="float32", known_dims=(1,)),
    OpCase("softmax", (X,), _softmax, kwargs={"axis": 0}, id="softmax_axis0"),
    OpCase("softmax", (normal(2, 3, 4),), _softmax, kwargs={"axis": (1, 2)}, id="softmax_axes"),
    OpCase("softmax", (I,), lambda x: _softmax(x.astype("float64")), dtype="float32", id="softmax_int"),
    OpCase("log_softmax", (X,), _log_softmax, dtype="float32"),
    OpCase("log_softmax", (normal(2, 3, 4),), _log_softmax, kwargs={"axis": 1}, id="log_softmax_axis1"),
    OpCase("sparsemax", (X,), _sparsemax, dtype="float32", tol=1e-5),
    OpCase("sparsemax", (normal(4, 3),), _sparsemax, kwargs={"axis": 0}, tol=1e-5, none_dims=[(1,)],
           id="sparsemax_axis0"),
    # convolution
    OpCase("conv", (X1, K1), ref_conv, dtype="float32", tol=1e-4, none_dims=CONV_NONE_SPATIAL, known_dims=(2,),
           id="conv1d_valid"),
    OpCase("conv", (X2, K2), ref_conv, kwargs={"strides": 2, "padding": "same"}, tol=1e-4,
           none_dims=CONV_NONE_SPATIAL, known_dims=(2, 3), id="conv2d_same_stride2"),
    OpCase("conv", (X2F, normal(3, 3, 3, 2)), ref_conv,
           kwargs={"data_format": "channels_first", "dilation_rate": 2}, tol=1e-4, none_dims=CONV_NONE,
           known_dims=(1, 2, 3), id="conv2d_channels_first_dilated"),
    OpCase("conv", (X2, normal(3, 3, 3, 2)), ref_conv,
           kwargs={"strides": (2, 1), "padding": "same", "dilation_rate": (2, 1)}, tol=1e-4, none_dims=CONV_NONE,
           id="conv2d_same_strided_dilated"),
    OpCase("conv", (X1, normal(4, 3, 2)), ref_conv, kwargs={"padding": "same"}, tol=1e-4, none_dims=CONV_NONE,
           id="conv1d_same_even_kernel"),
    OpCase("conv", (XG, KG), ref_conv, kwargs={"padding": "same"}, tol=1e-4, none_dims=CONV_NONE, id="conv2d_groups"),
    OpCase("conv", (X3, normal(2, 3, 2, 2, 3)), ref_conv, kwargs={"strides": 2, "padding": "same"}, tol=1e-4,
           none_dims=CONV_NONE, id="conv3d"),
    OpCase("conv", (normal(1, 4, 5, 5, 3), normal(2, 2, 2, 2, 4)), ref_conv,
           kwargs={"data_format": "channels_first"}, tol=1e-4, none_dims=CONV_NONE, id="conv3d_groups_channels_first"),
    OpCase("depthwise_conv", (X2, normal(3, 3, 3, 2)), ref_depthwise, kwargs={"padding": "same", "strides": (2, 1)},
           dtype="float32", tol=1e-4, none_dims=CONV_NONE_SPATIAL, known_dims=(2, 3), id="depthwise_conv2d"),
    OpCase("depthwise_conv", (normal(2, 3, 9), normal(3, 3, 2)), ref_depthwise,
           kwargs={"data_format": "channels_first", "dilation_rate": 2}, tol=1e-4, none_dims=CONV_NONE,
           id="depthwise_conv1d_channels_first"),
    OpCase("depthwise_conv", (normal(1, 4, 4, 4, 2), normal(2, 2, 2, 2, 1)), ref_depthwise, tol=1e-4,
           none_dims=CONV_NONE, id="depthwise_conv3d"),
    OpCase("separable_conv", (X2, normal(3, 3, 3, 2), normal(1, 1, 6, 4)), ref_separable,
           kwargs={"padding": "same"}, dtype="float32", tol=1e-4, none_dims=[(0, 2), (), ()], known_dims=(1, 3),
           id="separable_conv2d"),
    OpCase("separable_conv", (normal(2, 3, 8), normal(3, 3, 1), normal(1, 3, 2)), ref_separable,
           kwargs={"strides": 2, "data_format": "channels_first"}, tol=1e-4, none_dims=[(0,), (), ()],
           id="separable_conv1d"),
    OpCase("conv_transpose", (normal(2, 4, 3), normal(3, 2, 3)), ref_conv_transpose, kwargs={"strides": 2},
           dtype="float32", tol=1e-4, none_dims=CONV_NONE_SPATIAL, known_dims=(2,), id="conv_transpose1d"),
    OpCase("conv_transpose", (normal(2, 4, 3, 3), normal(3, 3, 2, 3)), ref_conv_transpose,
           kwargs={"strides": 2, "padding": "same", "output_padding": 1}, tol=1e-4, none_dims=CONV_NONE,
           id="conv_transpose2d_same_output_padding"),
    OpCase("conv_transpose", (normal(2, 4, 3, 3), normal(2, 2, 2, 3)), ref_conv_transpose,
           kwargs={"strides": (2, 1), "padding": "same"}, tol=1e-4, none_dims=CONV_NONE_SPATIAL,
           id="conv_transpose2d_same_even_kernel"),
    OpCase("conv_transpose", (normal(2, 3, 4, 3), normal(3, 3, 2, 3)), ref_conv_transpose,
           kwargs={"data_format": "channels_first", "dilation_rate": 2}, tol=1e-4, none_dims=CONV_NONE,
           id="conv_transpose2d_channels_first_dilated"),
    OpCase("conv_transpose", (normal(1, 2, 3, 2, 2), normal(2, 2, 2, 3, 2)), ref_conv_transpose,
           kwargs={"strides": 2, "padding": "valid", "output_padding": 1}, tol=1e-4, none_dims=CONV_NONE,
           id="conv_transpose3d"),
    # pooling
    OpCase("max_pool", (POOL, 2), ref_pool, dtype="float32", none_dims=[(0, 1)], known_dims=(2, 3),
           id="max_pool2d"),
    OpCase("max_pool", (POOL, 3), ref_pool, kwargs={"strides": 2, "padding": "same"}, none_dims=[(0, 2)],
           id="max_pool2d_same"),
    OpCase("max_pool", (normal(2, 3, 7), (3,)), ref_pool,
           kwargs={"strides": 1, "data_format": "channels_first"}, id="max_pool1d_channels_first"),
    OpCase("max_pool", (normal(1, 4, 5, 4, 2), (2, 2, 2)), ref_pool, kwargs={"padding": "same"}, id="max_pool3d"),
    OpCase("max_pool", (I.reshape(1, 6, 1), 2), lambda x, p: ref_pool(x, p).astype("int32"), dtype="int32",
           id="max_pool_int"),
    OpCase("average_pool", (POOL, 2), lambda x, p, **k: ref_pool(x, p, mode="avg", **k), dtype="float32",
           tol=1e-5, none_dims=[(0, 1)], id="average_pool2d"),
    OpCase("average_pool", (POOL, (3, 2)), lambda x, p, **k: ref_pool(x, p, mode="avg", **k),
           kwargs={"strides": (2, 1), "padding": "same"}, tol=1e-5, id="average_pool2d_same"),
    OpCase("average_pool", (normal(2, 2, 7), 3), lambda x, p, **k: ref_pool(x, p, mode="avg", **k),
           kwargs={"strides": 2, "padding": "same", "data_format": "channels_first"}, tol=1e-5,
           id="average_pool1d_channels_first"),
    OpCase("adaptive_average_pool", (POOL, (3, 4)), lambda x, o, **k: ref_adaptive(x, o, **k), dtype="float32",
           tol=1e-5, none_dims=[(0,)], known_dims=(1, 2, 3), id="adaptive_average_pool2d"),
    OpCase("adaptive_average_pool", (normal(2, 3, 7), 3),
           lambda x, o, **k: ref_adaptive(x, o, **k), kwargs={"data_format": "channels_first"}, tol=1e-5,
           id="adaptive_average_pool1d_channels_first"),
    OpCase("adaptive_max_pool", (POOL, 4), lambda x, o, **k: ref_adaptive(x, o, mode="max", **k), dtype="float32",
           none_dims=[(0, 1)], id="adaptive_max_pool2d"),
    OpCase("adaptive_max_pool", (normal(1, 2, 5, 4, 3), (2, 3, 2)),
           lambda x, o, **k: ref_adaptive(x, o, mode="max", **k), kwargs={"data_format": "channels_first"},
           id="adaptive_max_pool3d"),
    OpCase("depth_to_space", (normal(2, 2, 3, 12), 2), ref_depth_to_space, dtype="float32", known_dims=(1, 2, 3)),
    OpCase("depth_to_space", (normal(2, 8, 2, 3), 2), ref_depth_to_space, kwargs={"data_format": "channels_first"},
           id="depth_to_space_channels_first"),
    OpCase("space_to_depth", (normal(2, 4, 6, 3), 2), ref_space_to_depth, dtype="float32", known_dims=(1, 2, 3)),
    OpCase("space_to_depth", (normal(2, 3, 4, 6), 2), ref_space_to_depth, kwargs={"data_format": "channels_first"},
           id="space_to_depth_channels_first"),
    OpCase("unfold", (normal(2, 3, 5, 6), 2), ref_unfold, dtype="float32", known_dims=(1, 2)),
    OpCase("unfold", (normal(1, 2, 6, 7), (3, 2)), ref_unfold, kwargs={"dilation": (1, 2), "padding": 1, "stride": 2},
           id="unfold_args"),
    OpCase("fold", (normal(2, 12, 20), (5, 6), 2), ref_fold, dtype="float32", tol=1e-5, known_dims=(1, 2, 3)),
    OpCase("fold", (normal(1, 12, 12), (6, 7), (3, 2)), ref_fold,
           kwargs={"dilation": (1, 2), "padding": 1, "stride": 2}, tol=1e-5, id="fold_args"),
    # losses
    OpCase("binary_crossentropy", (PROBS, rng.uniform(size=(3, 4)).astype("float32")),
           ref_bce, dtype="float32", tol=1e-5),
    OpCase("binary_crossentropy", (np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.5]], "float32"),
                                   np.array([[0.0, 1.0, 0.3], [1e-9, 1.0, 0.5]], "float32")),
           ref_bce, tol=1e-5, id="binary_crossentropy_clipped"),
    OpCase("binary_crossentropy", (rng.uniform(size=(3, 4)).astype("float32"), normal(3, 4, scale=3)), ref_bce,
           kwargs={"from_logits": True}, tol=1e-5, id="binary_crossentropy_logits"),
    OpCase("categorical_crossentropy", (_softmax(normal(3, 4)), rng.uniform(0.1, 1, size=(3, 4)).astype("float32")),
           ref_cce, dtype="float32", tol=1e-5),
    OpCase("categorical_crossentropy", (_softmax(normal(3, 4)), normal(3, 4, scale=3)), ref_cce,
           kwargs={"from_logits": True}, tol=1e-5, id="categorical_crossentropy_logits"),
    OpCase("categorical_crossentropy", (_softmax(normal(4, 3), axis=0), normal(4, 3)), ref_cce,
           kwargs={"from_logits": True, "axis": 0}, none_dims=[(1,), (1,)], tol=1e-5,
           id="categorical_crossentropy_axis0"),
    OpCase("sparse_categorical_crossentropy", (np.array([0, 3, 1], "int32"), PROBS + 0.1),
           ref_scce, dtype="float32", tol=1e-5),
    OpCase("sparse_categorical_crossentropy", (np.array([[0], [3], [1]], "int32"), normal(3, 4)), ref_scce,
           kwargs={"from_logits": True}, tol=1e-5, id="sparse_categorical_crossentropy_logits_trailing1"),
    OpCase("sparse_categorical_crossentropy", (np.array([[2, 0], [1, 1]], "int32"), normal(2, 3, 2)), ref_scce,
           kwargs={"from_logits": True, "axis": 1}, tol=1e-5, id="sparse_categorical_crossentropy_axis1"),
    OpCase("one_hot", (I, 4), ref_one_hot, dtype="float32", known_dims=(1, 2)),
    OpCase("one_hot", (I, 8), lambda x, n, axis=-1, dtype=None: ref_one_hot(x, n, axis, dtype),
           kwargs={"axis": 0, "dtype": "int32"}, dtype="int32", none_dims=[(1,)], id="one_hot_axis0_int"),
    OpCase("multi_hot", (np.array([[0, 2, 2], [1, 3, 0]], "int32"), 5),
           lambda x, n: ref_multi_hot(x, n), dtype="float32", known_dims=(1,)),
    OpCase("multi_hot", (np.array([1, 3, 3], "int32"),), lambda x, num_classes: ref_multi_hot(x, num_classes),
           kwargs={"num_classes": 4}, none_dims=None, id="multi_hot_rank1"),
    # normalization
    OpCase("moments", (normal(2, 3, 4), [0, 1]), ref_moments, dtype="float32", tol=1e-5, known_dims=(0,)),
    OpCase("moments", (normal(2, 3, 4), (1,)), ref_moments, kwargs={"keepdims": True}, tol=1e-5,
           id="moments_keepdims"),
    OpCase("moments", (normal(2, 3, 4, dtype="float16", scale=100),), lambda x, axes: ref_moments(x, axes),
           kwargs={"axes": [1, 2]}, dtype="float16", tol=2e-3, id="moments_float16"),
    OpCase("batch_normalization", (normal(2, 3, 4), normal(3), rng.uniform(0.5, 2, 3).astype("float32"), 1),
           lambda x, m, v, axis, offset=None, scale=None, epsilon=1e-3:
           (x - m[:, None]) / np.sqrt(v[:, None] + epsilon) * scale[:, None] + offset[:, None],
           kwargs={"offset": normal(3), "scale": normal(3)}, dtype="float32", tol=1e-5, none_dims=[(0,), (), ()],
           id="batch_normalization"),
    OpCase("batch_normalization", (normal(2, 4), normal(4), rng.uniform(0.5, 2, 4).astype("float32"), -1),
           lambda x, m, v, axis, epsilon=1e-3: (x - m) / np.sqrt(v + epsilon), kwargs={"epsilon": 0.1},
           tol=1e-5, none_dims=[(0,), (), ()], id="batch_normalization_plain"),
    OpCase("layer_normalization", (normal(2, 3, 4),),
           lambda x, gamma=None, beta=None: (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-7),
           dtype="float32", tol=1e-4),
    OpCase("layer_normalization", (normal(2, 3, 4), normal(3, 4), normal(3, 4)),
           lambda x, g, b, axis=-1, epsilon=None: (x - x.mean((1, 2), keepdims=True)) / np.sqrt(
               x.var((1, 2), keepdims=True) + epsilon) * g + b,
           kwargs={"axis": (1, 2), "epsilon": 1e-3}, tol=1e-4, none_dims=[(0,), (), ()], id="layer_normalization_axes"),
    OpCase("layer_normalization", (normal(2, 3, 4), normal(3)),
           lambda x, g, axis=-1: (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + 1e-7)
           * g[:, None], kwargs={"axis": 1}, tol=1e-4, none_dims=[(0,), ()], id="layer_normalization_axis1"),
    OpCase("layer_normalization", (normal(2, 8, dtype="float16"),),
           lambda x: (x - x.mean(-1, keepdims=True)) / np.sqrt(x.astype("float64").var(-1, keepdims=True) + 1e-7),
           dtype="float16", id="layer_normalization_float16"),
    OpCase("rms_normalization", (normal(2, 3, 4), normal(4)),
           lambda x, s, epsilon=None: x / np.sqrt((x.astype("float64") ** 2).mean(-1, keepdims=True) + epsilon) * s,
           kwargs={"epsilon": 1e-5}, dtype="float32", tol=1e-5, none_dims=[(0,), ()]),
    OpCase("rms_normalization", (normal(2, 3, 4),),
           lambda x, axis=-1: x / np.sqrt((x.astype("float64") ** 2).mean((0, 2), keepdims=True) + 1e-7),
           kwargs={"axis": (0, 2)}, tol=1e-5, id="rms_normalization_axes"),
    OpCase("normalize", (normal(2, 3),), lambda x: x / np.linalg.norm(x.astype("float64"), axis=-1, keepdims=True),
           dtype="float32", tol=1e-5),
    OpCase("normalize", (normal(2, 3),),
           lambda x, axis=-1, order=2: x / np.abs(x.astype("float64")).sum(0, keepdims=True),
           kwargs={"axis": 0, "order": 1}, tol=1e-5, none_dims=None, id="normalize_l1_axis0"),
    OpCase("normalize", (np.zeros((2, 3), "float32"),), lambda x: x, id="normalize_zeros"),
    OpCase("normalize", (I,), lambda x: x / np.linalg.norm(x, axis=-1, keepdims=True), dtype="float32",
           tol=1e-5, id="normalize_int"),
    # attention
    OpCase("dot_product_attention", (normal(2, 4, 2, 3), normal(2, 5, 2, 3), normal(2, 5, 2, 4)), ref_attention,
           dtype="float32", tol=1e-5, none_dims=[(0, 1), (0, 1), (0, 1)], known_dims=(2, 3)),
    OpCase("dot_product_attention", (normal(2, 4, 4, 3), normal(2, 4, 2, 3), normal(2, 4, 2, 3)), ref_attention,
           kwargs={"is_causal": True, "scale": 0.3}, tol=1e-5, id="dot_product_attention_causal_grouped"),
    OpCase("dot_product_attention", (normal(2, 3, 2, 3), normal(2, 4, 2, 3), normal(2, 4, 2, 3)), ref_attention,
           kwargs={"mask": rng.uniform(size=(2, 1, 3, 4)) > 0.3, "bias": normal(1, 2, 3, 4)}, tol=1e-5,
           id="dot_product_attention_mask_bias"),
    OpCase("dot_product_attention", (normal(3, 2, 4), normal(3, 2, 4), normal(3, 2, 4)), ref_attention,
           kwargs={"attn_logits_soft_cap": 1.5, "is_causal": True}, tol=1e-5, none_dims=[(0,), (0,), (0,)],
           id="dot_product_attention_unbatched_softcap"),
    # misc
    OpCase("psnr", (X, X + 0.1 * normal(2, 5), 1.0),
           lambda a, b, m: 20 * np.log10(m) - 10 * np.log10(np.mean((a.astype("float64") - b) ** 2)),
           dtype="float32", tol=1e-4),
    OpCase("polar", (np.abs(X), X), lambda a, t: a * np.exp(1j * t.astype("float64")), dtype="complex64"),
    OpCase("polar", (np.abs(X).astype("float64"), X.astype("float64")), lambda a, t: a * np.exp(1j * t),
           dtype="complex128", id="polar_float64"),
    # CTC
    OpCase("ctc_loss", (np.array([[1, 2, 0], [2, 2, 1]], "int32"), normal(2, 4, 3),
                        np.array([2, 2], "int32"), np.array([4, 3], "int32")),
           ref_ctc_loss, dtype="float32", tol=1e-4),
    OpCase("ctc_loss", (np.array([[1, 0], [3, 1]], "int32"), normal(2, 3, 4),
                        np.array([1, 2], "int32"), np.array([3, 3], "int32")),
           lambda t, o, tl, ol, mask_index: ref_ctc_loss(t, o, tl, ol, mask_index), kwargs={"mask_index": 2},
           tol=1e-4, id="ctc_loss_mask_index"),
    OpCase("ctc_decode", (normal(2, 5, 4), np.array([5, 3], "int32")), ref_ctc_greedy, tol=1e-5),
    OpCase("ctc_decode", (np.array([[[0.1, 0.8, 0.1], [0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.1, 0.9, 0.0]]], "float32"),
                          np.array([4], "int32")),
           ref_ctc_greedy, kwargs={"merge_repeated": False, "mask_index": 2}, tol=1e-5, id="ctc_decode_no_merge"),
    OpCase("ctc_decode", (normal(2, 4, 3, scale=2), np.array([4, 3], "int32")), ref_ctc_beam,
           kwargs={"strategy": "beam_search", "top_paths": 2, "beam_width": 10}, tol=1e-4, id="ctc_decode_beam"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


# ------------------------------------------------------------------ plain tests


def test_every_public_name_has_a_case():
    from keras_lite.ops import nn

    covered = {c.op for c in CASES}
    assert sorted(set(nn.__all__) - covered) == []


def test_conv_default_data_format_follows_config():
    x = normal(1, 3, 5, 5)
    k = normal(3, 3, 3, 2)
    previous = config.image_data_format()
    config.set_image_data_format("channels_first")
    try:
        got = ops.convert_to_numpy(ops.conv(x, k))
        spec = ops.conv(KerasTensor((None, 3, None, 5)), k)
    finally:
        config.set_image_data_format(previous)
    np.testing.assert_allclose(got, ref_conv(x, k, data_format="channels_first"), rtol=1e-4, atol=1e-4)
    assert spec.shape == (None, 2, None, 3)


def test_conv_spec_with_unknown_dims_and_errors():
    spec = ops.conv(KerasTensor((None, None, None, 3)), KerasTensor((3, 3, 3, 8)), strides=2, padding="same")
    assert spec.shape == (None, None, None, 8)
    spec = ops.conv_transpose(KerasTensor((None, 4, None, 3)), KerasTensor((3, 3, 5, 3)), strides=2)
    assert spec.shape == (None, 9, None, 5)
    with pytest.raises(ValueError, match="ops.conv: the input channels"):
        ops.conv(KerasTensor((None, 8, 8, 3)), KerasTensor((3, 3, 2, 4)))
    with pytest.raises(ValueError, match="ops.conv: `kernel` must have rank 4"):
        ops.conv(KerasTensor((None, 8, 8, 3)), KerasTensor((3, 3, 4)))
    with pytest.raises(ValueError, match="padding"):
        ops.conv(KerasTensor((None, 8, 3)), KerasTensor((3, 3, 4)), padding="causal")
    with pytest.raises(ValueError, match="strides"):
        ops.conv(normal(1, 8, 3), normal(3, 3, 4), strides=(1, 2))
    with pytest.raises(ValueError, match="does not fit"):
        ops.max_pool(KerasTensor((None, 2, 2, 3)), 3)
    with pytest.raises(ValueError, match="ops.max_pool"):
        ops.max_pool(normal(2, 3), 2)


def test_losses_reject_mismatched_shapes():
    with pytest.raises(ValueError, match="categorical_crossentropy"):
        ops.categorical_crossentropy(KerasTensor((None, 3)), KerasTensor((None, 4)))
    with pytest.raises(ValueError, match="binary_crossentropy"):
        ops.binary_crossentropy(np.ones((2, 3), "float32"), np.ones((2, 4), "float32") * 0.5)
    with pytest.raises(ValueError, match="sparse_categorical_crossentropy"):
        ops.sparse_categorical_crossentropy(KerasTensor((None, 2), "int32"), KerasTensor((None, 4)))


def test_probability_clipping_uses_config_epsilon():
    previous = config.epsilon()
    config.set_epsilon(1e-3)
    try:
        got = ops.convert_to_numpy(ops.binary_crossentropy(np.array([1.0], "float32"), np.array([0.0], "float32")))
    finally:
        config.set_epsilon(previous)
    np.testing.assert_allclose(got, [-np.log(1e-3)], rtol=1e-5)


def test_sparse_one_hot():
    if BACKEND == "tensorflow":
        out = ops.one_hot(np.array([0, 2]), 3, sparse=True)
        import tensorflow as tf

        assert isinstance(out, tf.SparseTensor)
        np.testing.assert_array_equal(tf.sparse.to_dense(out).numpy(), np.eye(3, dtype="float32")[[0, 2]])
    else:
        with pytest.raises(NotImplementedError, match=BACKEND):
            ops.one_hot(np.array([0, 2]), 3, sparse=True)
    assert ops.one_hot(KerasTensor((None,), "int32"), 3, sparse=True).sparse


def test_moments_synchronized():
    x = normal(4, 3)
    if BACKEND == "tensorflow":
        mean, var = ops.moments(x, axes=[0], synchronized=True)
        np.testing.assert_allclose(ops.convert_to_numpy(mean), x.mean(0), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(ops.convert_to_numpy(var), x.var(0), rtol=1e-5, atol=1e-6)
    else:
        with pytest.raises(NotImplementedError, match=BACKEND):
            ops.moments(x, axes=[0], synchronized=True)


def test_flash_attention_support():
    q = normal(1, 2, 1, 4)
    if BACKEND in ("numpy", "tensorflow"):
        with pytest.raises(NotImplementedError, match=BACKEND):
            ops.dot_product_attention(q, q, q, flash_attention=True)
    else:
        try:
            ops.dot_product_attention(q, q, q, flash_attention=True)
        except ValueError as e:  # a CPU-only machine has no fused kernel
            assert "flash" in str(e).lower() or "gpu" in str(e).lower()
    out = ops.dot_product_attention(q, q, q, flash_attention=False)
    np.testing.assert_allclose(ops.convert_to_numpy(out), ref_attention(q, q, q), rtol=1e-5, atol=1e-6)


def test_multi_hot_legacy_num_tokens():
    out = ops.multi_hot(np.array([[0, 2]], "int32"), num_tokens=3)
    np.testing.assert_array_equal(ops.convert_to_numpy(out), [[1, 0, 1]])


@pytest.mark.slow
def test_keras_oracle_conv_family():
    """Same numbers as Keras 3 on this engine (keras is used as an oracle only, never by keras_lite)."""
    if BACKEND == "numpy":
        pytest.skip("keras's numpy backend runs its convolutions through jax")
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    x, k = normal(2, 5, 6, 3), normal(3, 2, 3, 4)
    for kwargs in ({"strides": 2, "padding": "same"}, {"dilation_rate": 2}):
        want = keras.ops.convert_to_numpy(keras.ops.conv(x, k, **kwargs))
        np.testing.assert_allclose(ops.convert_to_numpy(ops.conv(x, k, **kwargs)), want, rtol=1e-4, atol=1e-4)
    kt = normal(3, 3, 2, 3)
    for kwargs in ({"strides": 2, "padding": "same"}, {"strides": 2, "output_padding": 1}):
        want = keras.ops.convert_to_numpy(keras.ops.conv_transpose(x, kt, **kwargs))
        got = ops.convert_to_numpy(ops.conv_transpose(x, kt, **kwargs))
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
    if BACKEND == "torch":
        return  # Keras's torch backend counts the padding in asymmetric 'same' average pools; jax and TF do not
    want = keras.ops.convert_to_numpy(keras.ops.average_pool(x, 3, 2, "same"))
    np.testing.assert_allclose(ops.convert_to_numpy(ops.average_pool(x, 3, 2, "same")), want, rtol=1e-5, atol=1e-6)


def _grad(fn, *args):
    """Gradients of sum(fn(*args)) with respect to every arg, as NumPy arrays (test-only engine branches)."""
    if BACKEND == "jax":
        import jax

        grads = jax.grad(lambda *a: fn(*a).sum(), argnums=tuple(range(len(args))))(*args)
        return [np.asarray(g) for g in grads]
    if BACKEND == "torch":
        import torch

        tensors = [torch.tensor(a, requires_grad=True) for a in args]
        fn(*tensors).sum().backward()
        return [t.grad.numpy() for t in tensors]
    import tensorflow as tf

    variables = [tf.Variable(a) for a in args]
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(fn(*variables))
    return [g.numpy() for g in tape.gradient(total, variables)]


@pytest.mark.requires_trainable_backend
def test_gradients_flow_through_conv_and_crossentropy():
    x, k = normal(1, 5, 5, 2), normal(3, 3, 2, 3)
    gx, gk = _grad(lambda a, b: ops.conv(a, b, strides=2, padding="same"), x, k)
    # d sum(conv(x, k)) / dk[i, j, c, :] = the sum of the input pixels that meet kernel offset (i, j), channel c.
    padded = np.pad(x, [(0, 0), _same_pad(5, 3, 2), _same_pad(5, 3, 2), (0, 0)])
    want = np.zeros(k.shape)
    for i, j in itertools.product(range(3), range(3)):
        want[i, j] = padded[:, i:i + 5:2, j:j + 5:2].sum((0, 1, 2))[:, None]
    np.testing.assert_allclose(gk, want, rtol=1e-4, atol=1e-4)
    assert gx.shape == x.shape and np.abs(gx).sum() > 0

    target, logits = _softmax(normal(3, 4)).astype("float32"), normal(3, 4)
    (g,) = _grad(lambda o: ops.categorical_crossentropy(target, o, from_logits=True), logits)
    np.testing.assert_allclose(g, _softmax(logits) - target, rtol=1e-5, atol=1e-6)
    (g,) = _grad(lambda o: ops.binary_crossentropy(target, o, from_logits=True), logits)
    np.testing.assert_allclose(g, _sigmoid(logits) - target, rtol=1e-5, atol=1e-6)


@pytest.mark.skipif(BACKEND != "tensorflow", reason="TensorFlow traces with unknown spatial dims")
def test_conv_transpose_traced_with_unknown_spatial_dims():
    import tensorflow as tf

    x, k = normal(2, 4, 3, 3), normal(3, 3, 2, 3)
    for kwargs in ({"strides": 2, "padding": "same"}, {"strides": 2, "output_padding": 1}, {"dilation_rate": 2}):
        traced = tf.function(lambda a: ops.conv_transpose(a, k, **kwargs),
                             input_signature=[tf.TensorSpec((None, None, None, 3))])
        np.testing.assert_allclose(traced(x).numpy(), ref_conv_transpose(x, k, **kwargs), rtol=1e-4, atol=1e-4)
    traced = tf.function(lambda a: ops.depth_to_space(a, 2, "channels_first"),
                         input_signature=[tf.TensorSpec((None, 8, None, None))])
    y = normal(1, 8, 2, 3)
    np.testing.assert_array_equal(traced(y).numpy(), ref_depth_to_space(y, 2, "channels_first"))


def test_layer_normalization_deprecated_rms_scaling():
    x, gamma = normal(2, 3, 4), normal(4)
    with pytest.warns(DeprecationWarning, match="rms_scaling"):
        out = ops.layer_normalization(x, gamma, normal(4), epsilon=1e-3, rms_scaling=True)
    want = x / np.sqrt(x.var(-1, keepdims=True) + 1e-3) * gamma
    np.testing.assert_allclose(ops.convert_to_numpy(out), want, rtol=1e-5, atol=1e-5)
    with pytest.raises(TypeError, match="unexpected"):
        ops.layer_normalization(x, bogus=1)
