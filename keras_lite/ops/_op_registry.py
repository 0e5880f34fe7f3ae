"""Public ops by the class names Keras files use for them (`Multiply` -> ops.multiply)."""
import functools


@functools.cache
def _table():
    from keras_lite import ops

    table = {}
    for name in dir(ops):
        op = getattr(ops, name)
        if callable(op) and hasattr(op, "keras_module"):
            table["".join(part.capitalize() for part in name.split("_"))] = op
    return table


def op_for(class_name):
    op = _table().get(class_name)
    if op is None:
        raise ValueError(f"Unknown op {class_name!r} in a model config: keras_lite has no such op.")
    return op
