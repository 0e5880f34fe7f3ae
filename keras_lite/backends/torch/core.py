"""PyTorch: tensors, Variable, conversion, abstract evaluation and devices."""
import contextlib

import numpy as np
import torch

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = False
SUPPORTS_RAGGED_TENSORS = False
IS_THREAD_SAFE = True
ENGINE_ERRORS = (RuntimeError, TypeError, ValueError, IndexError)

_TORCH_DTYPES = {
    "bool": torch.bool, "uint8": torch.uint8, "uint16": torch.uint16, "uint32": torch.uint32,
    "uint64": torch.uint64, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32,
    "int64": torch.int64, "bfloat16": torch.bfloat16, "float16": torch.float16,
    "float32": torch.float32, "float64": torch.float64, "complex64": torch.complex64,
    "complex128": torch.complex128,
}
_default_device = ["cuda" if torch.cuda.is_available() else "cpu"]


def _torch_dtype(dtype):
    name = dtypes.standardize_dtype(dtype)
    if name not in _TORCH_DTYPES:
        raise ValueError(f"The torch backend has no dtype {name!r}.")
    return _TORCH_DTYPES[name]


class Variable(BaseVariable):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        value = value.clone()  # never share memory with the caller's array
        if dtypes.is_float_dtype(self._dtype) or dtypes.is_complex_dtype(self._dtype):
            self._value = torch.nn.Parameter(value, requires_grad=self.trainable)
        else:
            self._value = value

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        """Lets torch functions take a Variable where they take a tensor."""
        unwrap = lambda x: x.value if isinstance(x, Variable) else x  # noqa: E731
        args = [unwrap(a) if not isinstance(a, (list, tuple)) else type(a)(unwrap(v) for v in a) for a in args]
        kwargs = {k: unwrap(v) for k, v in (kwargs or {}).items()}
        return func(*args, **kwargs)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise NotImplementedError("The torch backend does not support sparse tensors.")
    if ragged:
        raise NotImplementedError("The torch backend does not support ragged tensors.")
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, torch.Tensor):
        if dtype is not None:
            wanted = _torch_dtype(dtype)
            if x.dtype != wanted:
                return x.to(wanted)
        return x
    if dtype is None:
        if isinstance(x, np.ndarray) or hasattr(x, "__array__") and not isinstance(x, (list, tuple)):
            x = np.asarray(x)
            dtype = dtypes.standardize_dtype(x.dtype)
        else:
            dtype = dtypes.infer_dtype(x)
    torch_dtype = _torch_dtype(dtype)
    if isinstance(x, np.ndarray):
        if x.dtype.kind == "V":  # bfloat16 (ml_dtypes) and other types torch cannot read
            return torch.from_numpy(x.astype(np.float32)).to(device=_default_device[0], dtype=torch_dtype)
        if not x.flags.writeable or x.dtype.byteorder not in "=|":
            x = np.array(x)
        return torch.as_tensor(x, device=_default_device[0]).to(torch_dtype)
    return torch.as_tensor(x, dtype=torch_dtype, device=_default_device[0])



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, torch.Tensor):
        x = x.detach()
        if x.dtype == torch.bfloat16:
            import ml_dtypes

            return x.float().cpu().numpy().astype(ml_dtypes.bfloat16)
        return x.cpu().numpy().copy() if x.device.type == "cpu" else x.cpu().numpy()
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def shape(x):
    return tuple(x.shape)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """Evaluate fn on meta tensors (no data, no compute); falls back to zeros on the CPU
    for the few torch ops that have no meta kernel."""
    try:
        with torch.device("meta"):
            placeholders = [torch.empty(s, dtype=_torch_dtype(d)) for s, d in specs]
            out = fn(placeholders)
    except (NotImplementedError, RuntimeError):
        placeholders = [torch.zeros(s, dtype=_torch_dtype(d), device="cpu") for s, d in specs]
        out = fn(placeholders)
    import optree

    return optree.tree_map(
        lambda o: KerasTensor(tuple(o.shape), dtypes.standardize_dtype(o.dtype)) if isinstance(o, torch.Tensor) else o,
        out, none_is_leaf=True)


@contextlib.contextmanager
def device_scope(device_name):
    """Creates tensors inside on a device, e.g. 'cpu' or 'gpu:0' ('gpu' means 'cuda')."""
    device = _parse_device(device_name)
    previous = _default_device[0]
    _default_device[0] = device
    try:
        with torch.device(device):
            yield
    finally:
        _default_device[0] = previous


def _parse_device(device_name):
    name = str(device_name).lower().replace("gpu", "cuda")
    try:
        return str(torch.device(name))
    except RuntimeError as e:
        raise ValueError(f"Unknown device {device_name!r}: {e}") from None


def get_device():
    return _default_device[0]


# -- control flow, slicing, scattering, gradients (keras.ops core) -------------
# Torch runs eagerly, so control flow is plain Python. Under abstract evaluation the
# tensors are on the meta device and hold no values: a predicate there cannot be read,
# so a branch is taken for its output spec (both branches must agree) and loops keep
# the specs of their loop variables.

def _is_meta(x):
    return isinstance(x, torch.Tensor) and x.is_meta

def _tensors(tree):
    """Python scalars, lists, arrays and Variables in a structure -> torch tensors."""
    import optree

    return optree.tree_map(convert_to_tensor, tree)


def _ints(values):
    if isinstance(values, torch.Tensor):
        if values.is_meta:  # abstract evaluation: only the output shape matters
            return [0] * values.numel()
        return [int(v) for v in values.reshape(-1).tolist()]
    return [int(v) for v in values]


def _stack(outputs):
    """[structure of tensors] -> structure of stacked tensors."""
    import optree

    return optree.tree_map(lambda *leaves: torch.stack([convert_to_tensor(v) for v in leaves]), *outputs)


def _empty_stack(template):
    import optree

    def empty(y):
        y = convert_to_tensor(y)
        return torch.zeros((0,) + tuple(y.shape), dtype=y.dtype, device=y.device)

    return optree.tree_map(empty, template)


def cond(pred, true_fn, false_fn):
    if _is_meta(pred):
        return true_fn()
    return true_fn() if pred else false_fn()


def switch(index, branches, *operands):
    if _is_meta(index):
        return branches[0](*operands)
    return branches[min(max(int(index), 0), len(branches) - 1)](*operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (list, tuple))
    state = _tensors(tuple(loop_vars) if is_sequence else (loop_vars,))
    steps = 0
    while maximum_iterations is None or steps < maximum_iterations:
        keep_going = cond(*state)
        if _is_meta(keep_going) or not keep_going:
            break
        out = body(*state)
        state = tuple(out) if is_sequence else (out,)
        steps += 1
    return state if is_sequence else state[0]


def fori_loop(lower, upper, body_fun, init_val):
    value = _tensors(init_val)
    if _is_meta(lower) or _is_meta(upper):
        return value
    for i in range(int(lower), int(upper)):
        value = body_fun(i, value)
    return value


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    import optree

    carry = _tensors(init)
    leaves, treedef = optree.tree_flatten(_tensors(xs))
    n = int(length) if xs is None else leaves[0].shape[0]
    element = lambda i: None if xs is None else optree.tree_unflatten(treedef, [x[i] for x in leaves])  # noqa: E731
    if n == 0:  # no step runs: one throwaway step on zeros gives the shape of ys
        zeros = [torch.zeros(tuple(x.shape[1:]), dtype=x.dtype, device=x.device) for x in leaves]
        return carry, _empty_stack(f(carry, None if xs is None else optree.tree_unflatten(treedef, zeros))[1])
    ys = [None] * n
    for i in (range(n - 1, -1, -1) if reverse else range(n)):
        carry, ys[i] = f(carry, element(i))
    return carry, _stack(ys)


def map(f, xs):
    import optree

    leaves, treedef = optree.tree_flatten(_tensors(xs))
    return _stack([f(optree.tree_unflatten(treedef, [x[i] for x in leaves]))
                   for i in range(leaves[0].shape[0])])


def vectorized_map(function, elements):
    elements = _tensors(elements)
    try:
        return torch.vmap(function)(elements)
    except RuntimeError:  # the function does something vmap cannot batch (.item(), data-dependent flow)
        return map(function, elements)


def associative_scan(f, elems, reverse=False, axis=0):
    """Hillis-Steele prefix scan: ceil(log2 n) calls of f over shifted copies."""
    import optree

    leaves, treedef = optree.tree_flatten(_tensors(elems))
    n = leaves[0].shape[axis]
    if reverse:
        leaves = [torch.flip(x, (axis,)) for x in leaves]
    shift = 1
    while shift < n:
        earlier = optree.tree_unflatten(treedef, [x.narrow(axis, 0, n - shift) for x in leaves])
        later = optree.tree_unflatten(treedef, [x.narrow(axis, shift, n - shift) for x in leaves])
        combined = optree.tree_leaves(f(earlier, later))
        leaves = [torch.cat([x.narrow(axis, 0, shift), convert_to_tensor(c)], axis) for x, c in zip(leaves, combined)]
        shift *= 2
    if reverse:
        leaves = [torch.flip(x, (axis,)) for x in leaves]
    return optree.tree_unflatten(treedef, leaves)


class _CustomGradient(torch.autograd.Function):
    @staticmethod
    def forward(ctx, f, *args):
        y, ctx.grad = f(*args)
        ctx.is_tensor = [isinstance(a, torch.Tensor) for a in args]
        return y

    @staticmethod
    def backward(ctx, *upstream):
        grads = ctx.grad(upstream[0] if len(upstream) == 1 else upstream)
        return (None,) + tuple(g if t else None for g, t in zip(grads, ctx.is_tensor))


def custom_gradient(f):
    """f(*args) -> (y, grad) with grad(upstream) -> one gradient per argument."""
    return lambda *args: _CustomGradient.apply(f, *args)


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


def _clamped_slices(shape, starts, sizes):
    import builtins

    out = []
    for dim, start, size in zip(shape, starts, sizes):
        if size == -1:
            start = min(max(start, 0), dim)
            size = dim - start
        start = min(max(start, 0), dim - size)
        out.append(builtins.slice(start, start + size))
    return tuple(out)


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    return inputs[_clamped_slices(inputs.shape, _ints(start_indices), _ints(shape))]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    out = inputs.clone()
    out[_clamped_slices(inputs.shape, _ints(start_indices), tuple(updates.shape))] = updates
    return out


def _long_indices(indices):
    return convert_to_tensor(indices).to(torch.int64)


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    indices = _long_indices(indices)
    out = torch.zeros(tuple(shape), dtype=values.dtype, device=values.device)
    return out.index_put_(tuple(indices.unbind(-1)), values, accumulate=True)


_SCATTER_REDUCE = {"max": "amax", "min": "amin", "mul": "prod"}


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    indices = _long_indices(indices)
    k = indices.shape[-1]
    lead = inputs.shape[:k]
    strides = torch.tensor([int(np.prod(lead[i + 1:])) for i in range(k)], dtype=torch.int64,
                           device=indices.device)
    dims = torch.tensor(lead, dtype=torch.int64, device=indices.device)
    linear = (torch.remainder(indices, dims) * strides).sum(-1).reshape(-1)  # negative indices wrap
    out = inputs.clone()
    flat = out.reshape(int(np.prod(lead)), -1)
    source = updates.reshape(linear.shape[0], -1)
    index = linear[:, None].expand_as(source)
    if reduction is None:
        flat.scatter_(0, index, source)
    elif reduction == "add":
        flat.scatter_add_(0, index, source)
    else:
        flat.scatter_reduce_(0, index, source, _SCATTER_REDUCE[reduction], include_self=True)
    return flat.reshape(inputs.shape)


def unstack(x, num=None, axis=0):
    return list(torch.unbind(convert_to_tensor(x), axis))


def saturate_cast(x, dtype, lower, upper):
    """Clip to [lower, upper] (limits representable in both dtypes), then cast."""
    x = convert_to_tensor(x)
    if lower is not None:
        x = torch.clamp(x, lower, upper)
    return x.to(_torch_dtype(dtype))
