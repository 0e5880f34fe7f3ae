"""Python lambdas in configs: marshalled bytecode, refused unless the user opts in.

Keras 3 writes a Python lambda as `{"class_name": "__lambda__", "config": {"code", "defaults",
"closure"}}` (Lambda layers) or `{"config": {"value": [code, defaults, closure]}}`. Running that
bytecode can do anything, so it is decoded only when the user turned safe mode off for a file
they trust (`safe_mode=False` or `keras_lite.config.enable_unsafe_deserialization()`), and only
runs in the same Python version that wrote it.
"""
import base64
import binascii
import builtins
import marshal
import types


def refusal(what, name=None):
    """The error message for bytecode met under safe mode: what it is and the ways to opt in."""
    supply = (f" or supply the function yourself with `custom_objects={{{name!r}: fn}}`" if name else "")
    return (f"{what} holds a Python lambda as serialized bytecode. Loading it could run arbitrary code, so it "
            "is refused in safe mode (the default). If you trust the file, pass `safe_mode=False` to the loading "
            "function or call `keras_lite.config.enable_unsafe_deserialization()`" + supply + ".")


def load(config):
    """The function a `__lambda__` config holds (only called once safe mode is off)."""
    inner = config.get("config") or {}
    if "value" in inner:
        code, defaults, closure = (list(inner["value"]) + [None, None])[:3]
    else:
        code, defaults, closure = inner.get("code"), inner.get("defaults"), inner.get("closure")
    try:
        raw = base64.b64decode("".join(code.split()).encode("ascii"), validate=True)
    except (AttributeError, UnicodeEncodeError, binascii.Error):
        raise ValueError(f"A `__lambda__` entry holds no valid base64 bytecode: {str(code)[:60]!r}.") from None
    try:
        function_code = marshal.loads(raw)
    except (ValueError, EOFError, TypeError) as e:
        raise ValueError(f"The lambda's bytecode cannot be read by this Python version ({e}); it was probably "
                         "saved with another one. Rebuild the model with a named function instead.") from None
    if not isinstance(function_code, types.CodeType):
        raise ValueError("A `__lambda__` entry does not hold a code object.")
    cells = tuple(types.CellType(value) for value in closure) if closure else None
    return types.FunctionType(function_code, _globals(), function_code.co_name,
                              tuple(defaults) if defaults else None, cells)


def _globals():
    """What a saved lambda may refer to: builtins, `ops`, `keras` (keras_lite) and `np`."""
    import numpy

    import keras_lite
    from keras_lite import ops

    return {"__builtins__": builtins, "ops": ops, "keras": keras_lite, "np": numpy}
