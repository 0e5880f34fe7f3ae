"""One benchmark cell — a workload × framework × backend — in a fresh process; prints `@@RESULT <json>`.

run.py starts one process per cell so that import time, first-epoch compilation and peak RSS belong to
that cell alone. The engine's thread pools are pinned by the environment run.py passes (OMP/MKL,
TF_NUM_*_THREADS, XLA_FLAGS) and again here through the engine's own calls.

    python benchmarks/worker.py --workload mlp --framework keras_lite --backend jax [--quick]
"""
import argparse
import importlib
import json
import resource
import statistics
import sys
import time

import numpy as np  # before the timed import: every framework needs it, none is charged for it

RESULT_PREFIX = "@@RESULT "
FRAMEWORKS = ("raw", "keras", "keras_lite")
# steady_epochs: timed epochs after the first; predict_repeats: timed predict calls after one warm-up, more
# (up to 25) while they take less than predict_budget_s together; latency_calls: single-sample calls after two
# warm-ups, cut short once latency_budget_s is spent (at least 5 calls). Short calls get many repeats: the
# median of a few is at the mercy of one scheduling hiccup.
PLANS = {
    "full": {"steps": None, "steady_epochs": 3, "predict_repeats": 3, "predict_budget_s": 1.0, "latency_calls": 200,
             "latency_budget_s": 1.5},
    "quick": {"steps": 2, "steady_epochs": 1, "predict_repeats": 1, "predict_budget_s": 0.0, "latency_calls": 2,
              "latency_budget_s": 0.5},
}
SEED = 1337


def import_framework(framework, backend, threads):
    """Import what the cell measures — keras_lite, keras, or the bare engine — pin the engine's threads and
    run the engine's first tiny op, timed together: runtime start-up counts wherever it happens (keras_lite
    may start the engine at import, a raw loop starts it at its first array)."""
    name = {"keras_lite": "keras_lite", "keras": "keras"}.get(framework, backend)
    begin = time.perf_counter()
    module = importlib.import_module(name)
    pin_threads(backend, threads)
    first_engine_op(backend)
    return module, time.perf_counter() - begin


def first_engine_op(backend):
    if backend == "jax":
        import jax.numpy as jnp

        (jnp.zeros(2) + 1).block_until_ready()
    elif backend == "torch":
        import torch

        torch.zeros(2) + 1
    else:
        import tensorflow as tf

        (tf.zeros(2) + 1).numpy()


def pin_threads(backend, threads):
    """The engine's own thread settings (JAX reads XLA_FLAGS from the environment at its first computation).

    torch also flushes denormal floats to zero, as XLA and TensorFlow do by default: RMSprop's velocity
    for weights whose gradient is zero decays into denormals within a few hundred steps, and denormal
    arithmetic makes later epochs several times slower than the first ones on CPU."""
    if backend == "torch":
        import torch

        torch.set_flush_denormal(True)
        torch.set_num_threads(threads)
        try:
            torch.set_num_interop_threads(threads)
        except RuntimeError:  # already fixed by the first parallel op
            pass
    elif backend == "tensorflow":
        import tensorflow as tf

        try:
            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
        except RuntimeError:  # context already initialised: TF_NUM_*_THREADS from the environment hold
            pass


def make_runner(framework, module, backend, workload, verbose):
    if framework == "raw":
        return importlib.import_module(f"_raw_{backend}").Runner(workload, SEED)
    from _keras_runner import Runner

    return Runner(module, workload, SEED, verbose=verbose)


def median_call_ms(call, x, calls, budget_s):
    call(x)
    call(x)  # warm-up: traces and caches
    times = []
    while len(times) < calls and (len(times) < 5 or sum(times) < budget_s):
        begin = time.perf_counter()
        call(x)
        times.append(time.perf_counter() - begin)
    return 1e3 * statistics.median(times)


def engine_version(backend):
    return importlib.import_module(backend).__version__


def measure(workload_name, framework, backend, plan, threads=1, verbose=0):
    module, import_s = import_framework(framework, backend, threads)
    workload = importlib.import_module(workload_name)
    steps = plan["steps"] or workload.STEPS_PER_EPOCH
    rng = np.random.default_rng(0)
    x, y = workload.make_data(steps * workload.BATCH, rng)
    samples = workload.PREDICT_SAMPLES if plan["steps"] is None else workload.PREDICT_BATCH
    x_predict, y_predict = workload.make_data(samples, rng)
    runner = make_runner(framework, module, backend, workload, verbose)
    if hasattr(runner, "prepare"):  # the raw engine's own data layout, made before any timing
        x, y = runner.prepare(x, y)
        x_predict, _ = runner.prepare(x_predict, y_predict)

    begin = time.perf_counter()
    runner.build()
    build_s = time.perf_counter() - begin
    clock, losses = runner.fit(x, y, 1 + plan["steady_epochs"])
    epoch_s = clock.wall

    predict_s = []  # the first call traces
    while len(predict_s) < 1 + plan["predict_repeats"] or (
            sum(predict_s[1:]) < plan["predict_budget_s"] and len(predict_s) < 26):
        begin = time.perf_counter()
        out = runner.predict(x_predict)
        predict_s.append(time.perf_counter() - begin)
    if len(out) != samples:
        raise AssertionError(f"predict returned {len(out)} rows for {samples} samples")
    one = x_predict[:1]
    return {
        "workload": workload_name, "framework": framework, "backend": backend,
        "version": getattr(module, "__version__", "?"), "engine_version": engine_version(backend),
        "import_s": import_s, "build_s": build_s, "first_epoch_s": epoch_s[0], "epoch_s": epoch_s,
        "steps_per_epoch": steps, "steps_per_s": steps / statistics.median(epoch_s[1:]),
        "cpu_steps_per_s": steps / statistics.median(clock.cpu[1:]), "losses": losses,
        "predict_samples_per_s": samples / statistics.median(predict_s[1:]),
        "predict_one_ms": median_call_ms(runner.predict_one, one, plan["latency_calls"], plan["latency_budget_s"]),
        "call_one_ms": median_call_ms(runner.call_one, one, plan["latency_calls"], plan["latency_budget_s"]),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", required=True)
    parser.add_argument("--framework", required=True, choices=FRAMEWORKS)
    parser.add_argument("--backend", required=True, choices=("jax", "torch", "tensorflow"))
    parser.add_argument("--quick", action="store_true", help="a smoke run: two steps an epoch, few calls")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--verbose", type=int, default=0, help="fit's verbose for keras_lite and Keras")
    args = parser.parse_args(argv)
    plan = PLANS["quick" if args.quick else "full"]
    result = measure(args.workload, args.framework, args.backend, plan, args.threads, args.verbose)
    print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    sys.exit(main())
