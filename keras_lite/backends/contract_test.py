"""Every backend module exposes the same functions with the same parameters (DESIGN decision 2).

Read from source with `ast`, so all four backends are compared without importing any engine.
"""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).parent
BACKENDS = ("jax", "torch", "tensorflow", "numpy")
MODULES = sorted(p.stem for p in (ROOT / "jax").glob("*.py") if not p.stem.startswith("_") and
                 not p.stem.endswith("_test"))


def _public_functions(path):
    tree = ast.parse(path.read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            a = node.args
            out[node.name] = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            out[node.name] = "class"
        elif isinstance(node, ast.Assign):  # `add, subtract = one_by_one(...)`: names only, no parameters
            for target in node.targets:
                for name in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(name, ast.Name) and not name.id.startswith("_"):
                        out[name.id] = "assigned"
    return out


# The step functions follow each engine's idiom (DESIGN decision 5): JAX steps are pure functions of a state,
# the others read and update the variables. Their names agree; their parameters differ by design.
ENGINE_IDIOM = {("trainer", "train_step"), ("trainer", "test_step"), ("trainer", "predict_step")}


@pytest.mark.parametrize("module", MODULES)
def test_backends_define_the_same_functions(module):
    reference = _public_functions(ROOT / "jax" / f"{module}.py")
    for backend in BACKENDS[1:]:
        other = _public_functions(ROOT / backend / f"{module}.py")
        assert sorted(set(reference) - set(other)) == [], f"{backend}/{module}.py lacks these"
        assert sorted(set(other) - set(reference)) == [], f"{backend}/{module}.py has extra names"
        for name, params in reference.items():
            if (module, name) not in ENGINE_IDIOM and "assigned" not in (params, other[name]):
                assert other[name] == params, f"{backend}/{module}.py: {name}{other[name]} != jax {params}"


def test_every_backend_has_the_same_modules():
    for backend in BACKENDS:
        names = sorted(p.stem for p in (ROOT / backend).glob("*.py")
                       if not p.stem.startswith("_") and not p.stem.endswith("_test"))
        assert names == MODULES, backend
