"""Test set-up shared by every test: the backend under test and a private KERAS_HOME.

The suite runs once per backend; `KERAS_BACKEND` picks it (default jax).
KERAS_HOME points at a temporary folder so no test reads or writes the
user's ~/.keras.
"""
import os
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ["KERAS_HOME"] = tempfile.mkdtemp(prefix="keras_lite_home_")
# One thread per engine keeps two xdist workers from fighting over two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import pytest  # noqa: E402


def pytest_report_header(config):
    return f"keras_lite backend: {os.environ['KERAS_BACKEND']}"


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.requires_trainable_backend` tests skip on numpy (inference only)."""
    if os.environ["KERAS_BACKEND"] != "numpy":
        return
    skip = pytest.mark.skip(reason="the numpy backend runs inference only")
    for item in items:
        if "requires_trainable_backend" in item.keywords:
            item.add_marker(skip)
