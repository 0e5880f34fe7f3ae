"""Memory soak: RSS and engine memory over repeated fit / predict / model(x) calls on one model, then over
model rebuilds after `utils.clear_session()`, each backend in a fresh process; growth is reported from
the end of a warm-up (the first fifth) to the end.

    python benchmarks/soak.py [--backends jax,torch,tensorflow,numpy] [--iterations 200] [--rebuilds 200]
                              [--framework keras_lite|keras] [--quick]

The model is the MLP workload's on 256 samples. numpy runs inference only, so its iterations skip fit.
Engine memory: live JAX arrays (`jax.live_arrays()`); live torch / TensorFlow tensors and variables
found by the garbage collector (neither engine reports CPU allocations itself); none for numpy.
"""
import argparse
import gc
import json
import os
import sys

import numpy as np

RESULT_PREFIX = "@@SOAK "
WARM_UP_FRACTION = 0.2
ENGINE_SAMPLE_EVERY = 20


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def engine_memory(backend):
    """(live engine arrays, their MB) or (None, None) where the engine has no notion of it."""
    if backend == "jax":
        import jax

        live = jax.live_arrays()
        return len(live), sum(a.nbytes for a in live) / 2 ** 20
    if backend == "torch":
        import torch

        tensors = [o for o in gc.get_objects() if isinstance(o, torch.Tensor)]
        return len(tensors), sum(t.element_size() * t.nelement() for t in tensors) / 2 ** 20
    if backend == "tensorflow":
        import tensorflow as tf

        count, size = 0, 0
        for o in gc.get_objects():
            if isinstance(o, (tf.Tensor, tf.Variable)) and o.shape.is_fully_defined():
                count += 1
                size += o.shape.num_elements() * o.dtype.size
        return count, size / 2 ** 20
    return None, None


def _engine_text(sample):
    count, size = sample
    return "n/a" if count is None else f"{count} arrays, {size:.2f} MB"


def _growth(rss, warm_index):
    warm, end = rss[warm_index], rss[-1]
    return {"rss_warm_mb": warm, "rss_end_mb": end, "rss_growth_percent": 100.0 * (end - warm) / warm,
            "rss_max_mb": max(rss)}


def soak(keras, backend, iterations, rebuilds):
    import mlp

    trainable = backend != "numpy"
    x, y = mlp.make_data(256, np.random.default_rng(0))
    one = x[:1]
    clear_session = getattr(keras.utils, "clear_session", None)

    def build():
        model = mlp.build_model(keras)
        mlp.compile_model(model, keras)
        return model

    def exercise(model):
        if trainable:
            model.fit(x, y, batch_size=64, epochs=1, verbose=0)
        model.predict(x, batch_size=64, verbose=0)
        keras.ops.convert_to_numpy(model(one))

    model = build()
    loop = {"iterations": iterations}
    warm_index = max(1, int(iterations * WARM_UP_FRACTION)) - 1
    rss = []
    for i in range(iterations):
        exercise(model)
        rss.append(rss_mb())
        if i == warm_index:
            gc.collect()
            loop["engine_warm"] = _engine_text(engine_memory(backend))
    gc.collect()
    loop["engine_end"] = _engine_text(engine_memory(backend))
    loop.update(_growth(rss, warm_index))

    rebuild = {"iterations": rebuilds}
    del model
    rss = []
    warm_index = max(1, int(rebuilds * WARM_UP_FRACTION)) - 1
    for i in range(rebuilds):
        if clear_session is not None:
            clear_session()
        exercise(build())
        rss.append(rss_mb())
        if i == warm_index:
            gc.collect()
            rebuild["engine_warm"] = _engine_text(engine_memory(backend))
    if rebuilds:
        gc.collect()
        rebuild["engine_end"] = _engine_text(engine_memory(backend))
        rebuild.update(_growth(rss, warm_index))
    return {"loop": loop, "rebuild": rebuild, "clear_session": "present" if clear_session else "missing",
            "description": DESCRIPTION.format(iterations=iterations, rebuilds=rebuilds,
                                              fit="fit (4 batches of 64) + " if trainable else "")}


DESCRIPTION = """\
One MLP (the mlp workload's) on 256 samples: {iterations} iterations of {fit}predict + model(x), then
{rebuilds} rebuilds (clear_session(), build, compile, one such iteration). RSS growth is from the end of
the warm-up (first fifth) to the end; < 5% passes. numpy skips fit (inference only). In the rebuild phase
engine memory is counted after the last rebuilt model is dropped and collected: what stays behind."""


def child(args):
    import importlib

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from worker import pin_threads

    keras = importlib.import_module(args.framework)
    pin_threads(args.backend, args.threads)
    result = soak(keras, args.backend, args.iterations, args.rebuilds)
    result.update(backend=args.backend, framework=args.framework)
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def run_backends(backends, framework, iterations, rebuilds, threads, keras_home, timeout=1800, quick=False):
    """One fresh process per backend; their results (or {"error": ...}) in order."""
    import run

    rows = []
    for backend in backends:
        command = [sys.executable, os.path.abspath(__file__), "--child", "--backend", backend,
                   "--framework", framework, "--iterations", str(iterations), "--rebuilds", str(rebuilds),
                   "--threads", str(threads)]
        result = run.run_subprocess(command, run.cell_env(backend, threads, keras_home), timeout, RESULT_PREFIX)
        result.update(backend=backend)
        rows.append(result)
        print(f"soak {backend}: {result.get('error') or 'done'}", file=sys.stderr, flush=True)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="jax,torch,tensorflow,numpy")
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--framework", default="keras_lite", choices=("keras_lite", "keras"))
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--rebuilds", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="10 iterations and 5 rebuilds")
    args = parser.parse_args(argv)
    if args.quick:
        args.iterations, args.rebuilds = 10, 5
    if args.child:
        return child(args)
    import tempfile

    import _report

    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    with tempfile.TemporaryDirectory(prefix="keras_lite_soak_home_") as keras_home:
        rows = run_backends(backends, args.framework, args.iterations, args.rebuilds, args.threads, keras_home)
    print(_report.soak_section(rows, args.framework))
    return 0 if not any("error" in r for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
