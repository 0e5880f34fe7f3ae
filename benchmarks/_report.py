"""The markdown report: machine and method, issue 9's acceptance checks, ratios, absolute figures, soak."""
import math

TITLES = {}  # workload name -> title, filled lazily from the workload modules
FRAMEWORK_NAMES = {"raw": "raw engine", "keras": "Keras 3", "keras_lite": "keras_lite"}
FIGURES = (
    ("import s", "import_s"), ("build+compile s", "build_s"), ("first epoch s", "first_epoch_s"),
    ("train steps/s", "steps_per_s"), ("steps/s by CPU time", "cpu_steps_per_s"),
    ("predict samples/s", "predict_samples_per_s"),
    ("predict(1) ms", "predict_one_ms"), ("model(x) ms", "call_one_ms"), ("peak RSS MB", "peak_rss_mb"),
)
TRAIN_FLOOR = {"lstm": 0.8}  # keras_lite/raw train floor per workload (else 0.9)
SOAK_LIMIT_PERCENT = 5.0

METHOD = """\
Each cell (workload × backend × framework) runs in a fresh Python process; the three frameworks run one
after another for each workload and backend, so a burst of load hits them alike. The engine is pinned
to {threads} thread(s) (OMP/MKL, TF_NUM_*_THREADS and `tf.config.threading`, `torch.set_num_threads`,
XLA_FLAGS); torch flushes denormals to zero (`torch.set_flush_denormal(True)`, as XLA and TensorFlow
do), else RMSprop's decaying velocities make later torch epochs several times slower than the first. Synthetic data, same for all three. *raw engine* is a hand-written loop: `jax.jit` step with
RMSprop/Adam written in jax.numpy (state donated); torch `nn.Module` + `torch.optim` (the LSTM is
`torch.nn.LSTM`, the attention `nn.MultiheadAttention`); TensorFlow `tf.function` with a GradientTape and
the update rule in tf ops (the LSTM a `tf.scan`). All three compute loss and accuracy every step.

- **import**: `import X` + pinning + the engine's first tiny op (engine start-up counts where it happens).
- **build+compile**: the model's construction and `compile()` (raw: parameters, optimizer state, the
  jit/tf.function wrappers; torch: module + `torch.optim`, whose first use imports torch._dynamo, ~1.5 s).
- **first epoch**: includes tracing/compilation. **train steps/s**: median of {steady} steady-state
  epochs of `fit(..., verbose={verbose}, shuffle=True)` (an epoch ends when its logs are on the host).
  **by CPU time**: the same epochs timed by the process's CPU time, which other processes' load
  disturbs least (but it cannot show time lost waiting on a host sync): a cross-check on a busy machine.
- **predict samples/s**: `predict(x, batch_size=large)`, median of at least {repeats} calls after one warm-up
  (more, up to 25, while they take under {budget} s together).
- **predict(1)** / **model(x)**: one sample, median over up to {latency_calls} calls (fewer once
  they take {latency_budget} s) after two warm-ups; the raw
  model(x) is an eager forward pass (no jit / tf.function), as `model(x)` is in Keras.
- **peak RSS**: the process's maximum resident set (includes the data set and the engine).
- Ratios are keras_lite ÷ other. For steps/s and samples/s higher is better; for times lower is better.
"""


def _title(workload):
    if workload not in TITLES:
        try:
            TITLES[workload] = __import__(workload).TITLE
        except ImportError:
            TITLES[workload] = workload
    return TITLES[workload]


def _fmt(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _index(results):
    return {(r["workload"], r["backend"], r["framework"]): r for r in results}


def _ratio(lite, other, key):
    if not lite or not other or "error" in lite or "error" in other or not other.get(key):
        return None
    return lite[key] / other[key]


def _check(value, ok, digits="{:.2f}"):
    if value is None:
        return "n/a"
    return digits.format(value) + (" ✓" if ok(value) else " ✗")


def _order(results, key):
    seen = []
    for r in results:
        if r[key] not in seen:
            seen.append(r[key])
    return seen


def acceptance(results):
    cells = _index(results)
    rows = []
    for workload in _order(results, "workload"):
        floor = TRAIN_FLOOR.get(workload, 0.9)
        for backend in _order(results, "backend"):
            lite = cells.get((workload, backend, "keras_lite"))
            raw = cells.get((workload, backend, "raw"))
            keras = cells.get((workload, backend, "keras"))
            if lite is None:
                continue
            import_delta = None if _ratio(lite, raw, "import_s") is None else lite["import_s"] - raw["import_s"]
            cpu_ratio = _ratio(lite, raw, "cpu_steps_per_s")
            rows.append([
                workload, backend,
                _check(_ratio(lite, raw, "steps_per_s"), lambda v: v >= floor),
                "n/a" if cpu_ratio is None else f"{cpu_ratio:.2f}",
                _check(_ratio(lite, keras, "steps_per_s"), lambda v: v >= 1.0),
                _check(_ratio(lite, raw, "predict_samples_per_s"), lambda v: v >= 0.9),
                _check(_ratio(lite, raw, "call_one_ms"), lambda v: v <= 1.5),
                _check(_ratio(lite, raw, "build_s"), lambda v: v <= 2.0),
                _check(import_delta, lambda v: v <= 0.3, "{:+.2f} s"),
            ])
    header = ["workload", "backend", "train ÷ raw (≥0.9; LSTM ≥0.8)", "same by CPU time", "train ÷ Keras (≥1)",
              "predict ÷ raw (≥0.9)", "model(x) time ÷ raw (≤1.5)", "build time ÷ raw (≤2)",
              "import − raw (≤0.3 s)"]
    return _table(header, rows)


def ratios(results, workload):
    cells = _index(results)
    pairs = (("train steps/s", "steps_per_s"), ("predict samples/s", "predict_samples_per_s"),
             ("predict(1) time", "predict_one_ms"), ("model(x) time", "call_one_ms"),
             ("build+compile time", "build_s"), ("import time", "import_s"), ("peak RSS", "peak_rss_mb"))
    header = ["backend"] + [f"{label} ÷ {other}" for label, _ in pairs for other in ("Keras", "raw")]
    rows = []
    for backend in _order(results, "backend"):
        lite = cells.get((workload, backend, "keras_lite"))
        row = [backend]
        for _, key in pairs:
            for other in ("keras", "raw"):
                row.append(_fmt(_ratio(lite, cells.get((workload, backend, other)), key)))
        rows.append(row)
    return _table(header, rows)


def figures(results, workload):
    header = ["backend", "framework"] + [label for label, _ in FIGURES] + ["loss first → last epoch"]
    rows = []
    for r in results:
        if r["workload"] != workload:
            continue
        name = FRAMEWORK_NAMES[r["framework"]]
        if "error" in r:
            rows.append([r["backend"], name, f"failed: {r['error']}"] + [""] * len(FIGURES))
            continue
        losses = r.get("losses") or []
        loss = f"{losses[0]:.3f} → {losses[-1]:.3f}" if losses else "n/a"
        rows.append([r["backend"], name] + [_fmt(r[key]) for _, key in FIGURES] + [loss])
    return _table(header, rows)


def soak_table(soak_results):
    header = ["backend", "iterations", "RSS after warm-up MB", "RSS end MB", "RSS growth",
              "engine memory after warm-up", "engine memory end", "rebuilds", "rebuild RSS after warm-up MB",
              "rebuild RSS end MB", "rebuild RSS growth", "rebuild engine memory after warm-up → end",
              "clear_session"]
    rows = []
    for r in soak_results:
        if "error" in r:
            rows.append([r["backend"], f"failed: {r['error']}"] + [""] * (len(header) - 2))
            continue
        loop, rebuild = r["loop"], r["rebuild"]
        rows.append([
            r["backend"], loop["iterations"], _fmt(loop["rss_warm_mb"]), _fmt(loop["rss_end_mb"]),
            _check(loop["rss_growth_percent"], lambda v: v < SOAK_LIMIT_PERCENT, "{:+.1f}%"),
            loop["engine_warm"], loop["engine_end"], rebuild.get("iterations", 0),
            _fmt(rebuild.get("rss_warm_mb")), _fmt(rebuild.get("rss_end_mb")),
            _check(rebuild.get("rss_growth_percent"), lambda v: v < SOAK_LIMIT_PERCENT, "{:+.1f}%"),
            f"{rebuild.get('engine_warm', 'n/a')} → {rebuild.get('engine_end', 'n/a')}", r["clear_session"],
        ])
    return _table(header, rows)


def render(results, soak_results, machine):
    from worker import PLANS

    plan = PLANS[machine["mode"]]
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    parts = [
        "# keras_lite benchmarks",
        "",
        f"`make bench` ({machine['mode']} run) on {machine['date']}: {machine['machine']}; {machine['system']}; "
        f"Python {machine['python']}.  ",
        f"Versions: {versions}.  ",
        f"Load average (1, 5, 15 min) at start {machine['load_start']}, at end {machine['load_end']}; "
        f"wall time {machine['wall_s'] / 60:.1f} min.",
        "",
        _load_warning(machine),
        METHOD.format(threads=machine["threads"], steady=plan["steady_epochs"], verbose=machine["verbose"],
                      repeats=plan["predict_repeats"], budget=plan["predict_budget_s"],
                      latency_calls=plan["latency_calls"], latency_budget=plan["latency_budget_s"]),
        "## Acceptance (issue 9)",
        "",
        acceptance(results),
        "",
    ]
    for workload in _order(results, "workload"):
        parts += [f"## {workload}: {_title(workload)}", "", "keras_lite ÷ Keras 3 and ÷ raw engine:", "",
                  ratios(results, workload), "", "Absolute figures:", "", figures(results, workload), ""]
    if soak_results:
        parts += [soak_section(soak_results, "keras_lite"), ""]
    return "\n".join(parts)


def _load_warning(machine):
    """A busy machine makes wall-clock figures (and their ratios) noise: say so above the tables."""
    peak = max(float(machine[key].split(",")[0]) for key in ("load_start", "load_end"))
    if peak <= machine["cores"]:
        return ""
    return (f"**Load warning:** the 1-minute load average reached {peak:.1f} on {machine['cores']} cores, so other "
            "processes shared the CPUs with these runs: wall-clock figures and their ratios are unreliable; the "
            "CPU-time column is the steadier cross-check.\n")


def soak_section(soak_results, framework):
    sample = next((r for r in soak_results if "error" not in r), None)
    note = sample["description"] if sample else "Every soak process failed."
    return "\n".join([f"## Memory soak (soak.py, {framework})", "", note, "", soak_table(soak_results)])
