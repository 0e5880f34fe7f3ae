"""How a public op runs: eagerly on the engine, or symbolically on KerasTensors.

    @keras_op(spec=broadcast_spec(result_dtype))   # a shape rule, or none
    def add(x1, x2):
        return engine.numpy.add(x1, x2)

Eager call (no KerasTensor among the arguments): the body runs at once;
engine errors are re-raised as ValueError naming the op and the input shapes.
Symbolic call: the output spec comes from `spec` if the op family has a
shape rule, else from abstract evaluation of the body through the engine
(`engine.core.abstract_eval`) at two probe sizes for the None dims (a dim
that differs between the probes is None). A Node is recorded unless
recording is off (`no_recording()`, used while a layer infers its output).
"""
import functools
import os
import threading

import optree

from keras_lite.backends import engine
from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic
from keras_lite.backends.common.variable import Variable
from keras_lite.ops.operation import FunctionOperation

_PROBES = (83, 89)
_KERAS_MODULES = {"elementwise": "numpy", "array": "numpy", "reduction": "numpy"}
_local = threading.local()


class no_recording:
    """Symbolic op calls inside this scope return KerasTensors but record no graph node."""

    def __enter__(self):
        self._previous = getattr(_local, "off", False)
        _local.off = True

    def __exit__(self, *exc):
        _local.off = self._previous


def _recording():
    return not getattr(_local, "off", False)


def describe_inputs(args, kwargs):
    """'shapes (2, 3) and (4,)' for the tensors among the arguments, for error messages."""
    shapes = []
    for x in optree.tree_leaves((args, kwargs), none_is_leaf=True):
        shape = getattr(x, "shape", None)
        if shape is not None and not isinstance(x, (int, float)):
            shapes.append(str(tuple(shape)))
    if not shapes:
        return "no tensor inputs"
    if len(shapes) == 1:
        return f"shape {shapes[0]}"
    return "shapes " + ", ".join(shapes[:-1]) + " and " + shapes[-1]


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@functools.cache
def _library_dirs():
    """Where the standard library and installed packages live (sysconfig loads only when an error needs it)."""
    import sysconfig

    return tuple({os.path.dirname(os.path.dirname(os.__file__))} | set(sysconfig.get_paths().values()))


def _should_translate(error):
    """Engine errors become ValueErrors naming the op; errors already naming an op, and errors raised
    in the user's own code (a function passed to scan, cond, ...), pass through unchanged."""
    if str(error).startswith("ops.") or isinstance(error, NotImplementedError):
        return False
    tb = error.__traceback__
    while tb is not None:
        filename = os.path.abspath(tb.tb_frame.f_code.co_filename)
        ours = filename.startswith(_PACKAGE_DIR) and not filename.endswith("_test.py")  # tests are user code
        if not ours and not filename.startswith(_library_dirs()):
            return False
        tb = tb.tb_next
    return True


def keras_op(spec=None, name=None, keras_module=None):
    """Make a public op from an eager body; `spec(*args, **kwargs)` returns KerasTensor(s).

    `keras_module` names the Keras module of the op's class in saved graphs (`keras.src.ops.<it>`);
    by default it follows the op's own module (elementwise, array and reduction ops are `numpy`)."""

    def wrap(body):
        op_name = name or body.__name__
        family = body.__module__.rsplit(".", 1)[-1]
        module = keras_module or _KERAS_MODULES.get(family, family)

        @functools.wraps(body)
        def op(*args, **kwargs):
            if any_symbolic(args, kwargs):
                if _recording():
                    return FunctionOperation(op).symbolic_call(*args, **kwargs)
                return compute_output_spec(*args, **kwargs)
            try:
                return body(*args, **kwargs)
            except engine.core.ENGINE_ERRORS as e:
                if not _should_translate(e):
                    raise
                raise ValueError(
                    f"ops.{op_name}: invalid inputs ({describe_inputs(args, kwargs)}): {e}") from e

        def compute_output_spec(*args, **kwargs):
            try:
                if spec is not None:
                    return spec(*args, **kwargs)
                return abstract_eval(body, args, kwargs)
            except engine.core.ENGINE_ERRORS as e:
                if not _should_translate(e):
                    raise
                raise ValueError(
                    f"ops.{op_name}: invalid inputs ({describe_inputs(args, kwargs)}): {e}") from e

        op.compute_output_spec = compute_output_spec
        op.__module__ = body.__module__
        op.__name__ = op_name
        op.keras_module = module
        return op

    return wrap


def abstract_eval(fn, args, kwargs):
    """Shapes and dtypes of fn(*args, **kwargs) without computing it, as KerasTensors.

    `engine.core.abstract_eval(call, [(shape, dtype), ...])` returns the outputs
    with each tensor replaced by a KerasTensor of its shape and dtype.
    """
    leaves, treedef = optree.tree_flatten((args, kwargs), none_is_leaf=True)
    # Engine tensors and Variables beside the KerasTensors become placeholders too: only their shapes and
    # dtypes matter here, and a graph-building engine (TensorFlow) cannot capture eager values.
    positions = [i for i, x in enumerate(leaves) if isinstance(x, (KerasTensor, Variable)) or engine.core.is_tensor(x)]
    symbolic = [leaves[i] if isinstance(leaves[i], KerasTensor)
                else KerasTensor(tuple(leaves[i].shape), leaves[i].dtype) for i in positions]

    def call(tensors):
        filled = list(leaves)
        for i, t in zip(positions, tensors):
            filled[i] = t
        a, k = optree.tree_unflatten(treedef, filled)
        return fn(*a, **k)

    has_none = any(None in t.shape for t in symbolic)
    results = []
    for size in _PROBES if has_none else _PROBES[:1]:
        specs = [(tuple(size if d is None else d for d in t.shape), t.dtype) for t in symbolic]
        results.append(engine.core.abstract_eval(call, specs))
    if len(results) == 1:
        return results[0]
    flat, out_def = optree.tree_flatten(results[0], none_is_leaf=True)
    other = optree.tree_leaves(results[1], none_is_leaf=True)
    merged = [
        KerasTensor(tuple(a if a == b else None for a, b in zip(x.shape, y.shape)), x.dtype)
        if isinstance(x, KerasTensor) else x
        for x, y in zip(flat, other)
    ]
    return optree.tree_unflatten(out_def, merged)
