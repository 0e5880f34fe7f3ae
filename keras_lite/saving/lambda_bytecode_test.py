"""Lambda bytecode: decoded only on request, in the form Keras 3 writes it."""
import base64
import marshal

import pytest

from keras_lite.layers.core.lambda_layer import _serialize_function
from keras_lite.saving import lambda_bytecode


def test_a_lambda_layer_function_decodes_with_its_defaults_and_closure():
    offset = 3
    config = _serialize_function(lambda x, k=2: x * k + offset)
    fn = lambda_bytecode.load(config)
    assert fn(5) == 13 and fn(5, k=1) == 8


def test_the_generic_value_form_and_the_keras_names_it_may_use():
    code = base64.b64encode(marshal.dumps((lambda x: ops.add(x, 1)).__code__)).decode()  # noqa: F821
    fn = lambda_bytecode.load({"class_name": "__lambda__", "config": {"value": [code, None, None]}})
    assert int(fn(1)) == 2  # `ops` is keras_lite.ops inside a decoded lambda


def test_broken_bytecode_is_a_clear_error():
    with pytest.raises(ValueError, match="no valid base64"):
        lambda_bytecode.load({"config": {"code": "%%%"}})
    garbage = base64.b64encode(b"\xff\x00garbage").decode()
    with pytest.raises(ValueError, match="cannot be read by this Python version"):
        lambda_bytecode.load({"config": {"code": garbage}})
    with pytest.raises(ValueError, match="does not hold a code object"):
        lambda_bytecode.load({"config": {"code": base64.b64encode(marshal.dumps(42)).decode()}})


def test_the_refusal_says_how_to_opt_in():
    message = lambda_bytecode.refusal("Lambda layer 'f'", "f")
    assert "safe_mode=False" in message and "enable_unsafe_deserialization()" in message
    assert "custom_objects={'f': fn}" in message
