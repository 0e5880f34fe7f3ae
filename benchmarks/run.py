"""`make bench`: every workload × backend × framework in its own fresh process, interleaved in one run,
then one markdown table of absolute figures and ratios (keras_lite/Keras 3, keras_lite/raw engine).

    python benchmarks/run.py [--quick] [--workloads mlp,resnet,lstm,transformer]
                             [--backends jax,torch,tensorflow] [--frameworks raw,keras,keras_lite]
                             [--threads 1] [--output PATH] [--no-soak]

A full run of every workload writes benchmarks/RESULTS.md (or --output) and prints it; other runs, and
--quick ones (two steps an epoch, a few calls: a smoke test), only print unless --output is given. Each workload script (mlp.py, resnet.py,
lstm.py, transformer.py) runs this for itself alone with the same options.
"""
import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time

import _machine
import _report
from worker import FRAMEWORKS, RESULT_PREFIX

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = ("mlp", "resnet", "lstm", "transformer")
BACKENDS = ("jax", "torch", "tensorflow")
DEFAULT_OUTPUT = os.path.join(HERE, "RESULTS.md")
SOAK_ITERATIONS, SOAK_REBUILDS = 200, 40


def cell_env(backend, threads, keras_home):
    """The environment of one cell: the backend, the engine pinned to `threads` threads, a private KERAS_HOME
    (Keras 3 writes keras.json there on import, and nothing reads the user's)."""
    env = dict(os.environ)
    env.update({
        "KERAS_BACKEND": backend, "KERAS_HOME": keras_home,
        "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "OPENBLAS_NUM_THREADS": str(threads),
        "TF_NUM_INTRAOP_THREADS": str(threads), "TF_NUM_INTEROP_THREADS": str(threads),
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "XLA_FLAGS": (f"--xla_cpu_multi_thread_eigen={'true' if threads > 1 else 'false'} "
                      f"intra_op_parallelism_threads={threads}"),
    })
    return env


def run_subprocess(command, env, timeout, prefix):
    """Run a fresh interpreter; its `prefix` line parsed as JSON, or {"error": the reason}."""
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(prefix):
            return json.loads(line[len(prefix):])
    tail = [line for line in (done.stderr or done.stdout).strip().splitlines() if line.strip()]
    return {"error": f"exit {done.returncode}: {tail[-1] if tail else 'no output'}"}


def run_cell(workload, framework, backend, args, keras_home):
    command = [sys.executable, os.path.join(HERE, "worker.py"), "--workload", workload, "--framework", framework,
               "--backend", backend, "--threads", str(args.threads), "--verbose", str(args.verbose)]
    if args.quick:
        command.append("--quick")
    result = run_subprocess(command, cell_env(backend, args.threads, keras_home), args.timeout, RESULT_PREFIX)
    result.update(workload=workload, framework=framework, backend=backend)
    return result


def run_soak(backends, args, keras_home):
    """soak.py on every backend (numpy too) with keras_lite; fewer rebuilds than soak.py's own default
    (each one retraces the steps) to keep `make bench` within its time."""
    import soak

    iterations, rebuilds = (10, 5) if args.quick else (SOAK_ITERATIONS, SOAK_REBUILDS)
    return soak.run_backends(backends, "keras_lite", iterations, rebuilds, args.threads, keras_home, args.timeout)


def _names(text, allowed, option):
    names = [n.strip() for n in text.split(",") if n.strip()]
    if "numpy" in names and option == "--backends":
        raise SystemExit("--backends: the numpy backend runs inference only (it cannot train), so it has no "
                         "training benchmark; soak.py covers its inference paths.")
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise SystemExit(f"{option}: unknown {unknown or 'empty list'}; choose from {', '.join(allowed)}.")
    return names


def parse_args(argv, workloads):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: two steps an epoch, few calls")
    parser.add_argument("--workloads", default=",".join(workloads or WORKLOADS))
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS))
    parser.add_argument("--threads", type=int, default=1, help="engine threads per process (default 1)")
    parser.add_argument("--verbose", type=int, default=0, help="fit's verbose for keras_lite and Keras 3")
    parser.add_argument("--output", help=f"markdown file to write (a full run defaults to {DEFAULT_OUTPUT})")
    parser.add_argument("--no-soak", action="store_true", help="skip the memory soak (soak.py)")
    parser.add_argument("--timeout", type=int, default=None, help="seconds per process (default 900, quick 120)")
    args = parser.parse_args(argv)
    args.workloads = _names(args.workloads, WORKLOADS, "--workloads")
    args.backends = _names(args.backends, BACKENDS, "--backends")
    args.frameworks = _names(args.frameworks, FRAMEWORKS, "--frameworks")
    args.timeout = args.timeout or (120 if args.quick else 900)
    if args.output is None and not args.quick and args.workloads == list(WORKLOADS):
        args.output = DEFAULT_OUTPUT  # only a full run of every workload replaces the committed table
    return args


def main(argv=None, workloads=None):
    args = parse_args(argv, workloads)
    # An installed package comes byte-compiled (pip compiles it); an editable checkout may not be, and
    # with PYTHONDONTWRITEBYTECODE every cell would recompile keras_lite's sources inside its timed import.
    compileall.compile_dir(os.path.join(os.path.dirname(HERE), "keras_lite"), quiet=1)
    machine = _machine.describe()
    began = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="keras_lite_bench_home_") as keras_home:
        for workload in args.workloads:
            for backend in args.backends:
                for framework in args.frameworks:  # interleaved: a burst of load hits all three alike
                    result = run_cell(workload, framework, backend, args, keras_home)
                    results.append(result)
                    status = result.get("error") or f"{result['steps_per_s']:.1f} steps/s"
                    print(f"[{time.perf_counter() - began:6.0f}s] {workload:12} {backend:10} {framework:10} {status}",
                          file=sys.stderr, flush=True)
        soak_results = [] if args.no_soak else run_soak(args.backends + ["numpy"], args, keras_home)
    machine.update(load_end=_machine.load(), wall_s=time.perf_counter() - began, threads=args.threads,
                   mode="quick" if args.quick else "full", verbose=args.verbose)
    text = _report.render(results, soak_results, machine)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    print(text)
    return 0 if not any("error" in r for r in results + soak_results) else 1


if __name__ == "__main__":
    sys.exit(main())
