"""The one contract check every layer test runs (DESIGN testing doctrine, STYLE 5).

`run_layer_test` builds the layer from its kwargs and checks, on the active backend:
config round trip, symbolic vs eager output shape and dtype, weight counts, a `.keras`
save and load round trip, that gradients reach every trainable weight (not on numpy),
and mixed precision.
"""
import os
import tempfile

import numpy as np
import optree

from keras_lite import ops
from keras_lite.backends import BACKEND, engine
from keras_lite.layers.input_layer import Input
from keras_lite.models.model import Model
from keras_lite.saving.object_registration import public_name
from keras_lite.saving.saving_api import load_model


def _random(shape, dtype, rng):
    if dtype.startswith("int"):
        return rng.integers(0, 5, size=shape).astype(dtype)
    if dtype == "bool":
        return rng.random(shape) > 0.5
    return rng.normal(size=shape).astype(dtype)


def _shapes(tree):
    return optree.tree_map(lambda t: tuple(t.shape), tree)


def _fill_batch(shape, batch):
    return tuple(batch if d is None and i == 0 else d for i, d in enumerate(shape))


def _check_keras_file_round_trip(layer_cls, inputs, outputs, data, expected):
    """A model around the layer survives a `.keras` save and load: on the same data it gives the
    layer's own inference outputs. A test-only subclass (one that only changes how inputs are handed
    over) loads as the keras_lite class it derives from, under its own name (weights-file paths follow
    class names). safe_mode=False: Lambda tests use Python lambdas, and this file was just written."""
    public = next(cls for cls in layer_cls.__mro__ if public_name(cls) is not None)
    if public is not layer_cls:
        public = type(layer_cls.__name__, (public,), {})
    model = Model(inputs, outputs)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "layer.keras")
        model.save(path)
        loaded = load_model(path, custom_objects={layer_cls.__name__: public}, safe_mode=False)
    for want, got in zip(optree.tree_leaves(expected), optree.tree_leaves(loaded(data)), strict=True):
        np.testing.assert_allclose(np.asarray(ops.convert_to_numpy(got)), np.asarray(ops.convert_to_numpy(want)),
                                   rtol=1e-6, atol=1e-6,
                                   err_msg=f"{layer_cls.__name__}: outputs changed by a .keras save and load")


def run_layer_test(layer_cls, init_kwargs, input_shape, input_dtype="float32", input_data=None,
                   expected_output_shape=None, expected_output_dtype=None, expected_num_trainable_weights=0,
                   expected_num_non_trainable_weights=0, run_gradient_check=True, run_mixed_precision_check=True,
                   call_kwargs=None, zero_gradient_weights=()):
    """`input_shape` includes the batch dim; several inputs: a list of shapes (and of dtypes).
    `zero_gradient_weights`: path endings of weights whose gradient is zero by construction (attention's key
    bias shifts every score of a query alike, which the softmax ignores); any gradient they get is rounding."""
    call_kwargs = call_kwargs or {}
    rng = np.random.default_rng(0)
    multi = isinstance(input_shape, list)
    shapes = input_shape if multi else [input_shape]
    in_dtypes = input_dtype if isinstance(input_dtype, list) else [input_dtype] * len(shapes)
    if input_data is None:
        data = [_random(s, d, rng) for s, d in zip(shapes, in_dtypes)]
    else:
        data = input_data if multi else [input_data]

    # Config round trip.
    layer = layer_cls(**init_kwargs)
    config = layer.get_config()
    clone = layer_cls.from_config(config)
    assert clone.get_config() == config, f"{layer_cls.__name__}: config round trip changed the config"

    # Symbolic call on inputs with an unknown batch dim.
    symbolic_inputs = [Input(batch_shape=(None,) + tuple(s[1:]), dtype=d) for s, d in zip(shapes, in_dtypes)]
    symbolic = layer(symbolic_inputs if multi else symbolic_inputs[0], **call_kwargs)

    # Eager call.
    eager = layer(data if multi else data[0], **call_kwargs)
    eager_shapes = _shapes(eager)
    batch = shapes[0][0]
    symbolic_filled = optree.tree_map(lambda s: _fill_batch(s, batch), _shapes(symbolic),
                                      is_leaf=lambda x: isinstance(x, tuple) and all(
                                          d is None or isinstance(d, int) for d in x))
    assert symbolic_filled == eager_shapes, (
        f"{layer_cls.__name__}: symbolic shape {_shapes(symbolic)} vs eager {eager_shapes}")
    for s, e in zip(optree.tree_leaves(symbolic), optree.tree_leaves(eager)):
        assert s.dtype == ops.dtype(e), f"{layer_cls.__name__}: symbolic dtype {s.dtype} vs eager {ops.dtype(e)}"
    if expected_output_shape is not None:
        assert eager_shapes == expected_output_shape, f"{layer_cls.__name__}: output shape {eager_shapes}"
    if expected_output_dtype is not None:
        assert ops.dtype(optree.tree_leaves(eager)[0]) == expected_output_dtype
    assert len(layer.trainable_weights) == expected_num_trainable_weights, (
        f"{layer_cls.__name__}: {len(layer.trainable_weights)} trainable weights")
    assert len(layer.non_trainable_weights) == expected_num_non_trainable_weights, (
        f"{layer_cls.__name__}: {len(layer.non_trainable_weights)} non-trainable weights")

    _check_keras_file_round_trip(layer_cls, symbolic_inputs if multi else symbolic_inputs[0], symbolic,
                                 data if multi else data[0],
                                 layer(data if multi else data[0], **{k: v for k, v in call_kwargs.items()
                                                                      if k != "training"}))

    # Gradients reach every trainable weight.
    if run_gradient_check and BACKEND != "numpy" and layer.trainable_weights:
        variables = layer.trainable_weights

        def loss():
            out = layer(data if multi else data[0], **call_kwargs)
            return sum(ops.sum(ops.square(ops.cast(o, "float32"))) for o in optree.tree_leaves(out))

        _, grads = engine.gradients.value_and_grad(loss, variables)
        for v, g in zip(variables, grads):
            norm = float(np.abs(ops.convert_to_numpy(g)).sum())
            if v.path.endswith(tuple(zero_gradient_weights)):
                assert norm < 1e-4, f"{layer_cls.__name__}: {v.path} gets a gradient ({norm}), expected none"
                continue
            assert np.isfinite(norm) and norm > 0, f"{layer_cls.__name__}: no gradient reaches {v.path}"

    # Mixed precision: compute in float16, keep variables in float32.
    if run_mixed_precision_check and all(d.startswith("float") for d in in_dtypes):
        mixed = layer_cls(**{**init_kwargs, "dtype": "mixed_float16"})
        out = mixed(data if multi else data[0], **call_kwargs)
        for o in optree.tree_leaves(out):
            if ops.dtype(o).startswith("float"):
                assert ops.dtype(o) == "float16", f"{layer_cls.__name__}: mixed precision output {ops.dtype(o)}"
        for v in mixed.weights:
            if v.dtype.startswith("float"):
                assert v.dtype == "float32", f"{layer_cls.__name__}: mixed precision variable {v.path} is {v.dtype}"
    return layer
