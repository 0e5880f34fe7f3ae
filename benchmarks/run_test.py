"""The benchmark harness runs end to end: `run.py --quick` for one workload on the active backend, in a
subprocess, writes and prints the markdown table; `soak.py` reports memory growth. No timing or memory
figure is asserted."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
BACKEND = os.environ.get("KERAS_BACKEND", "jax")

needs_training = pytest.mark.skipif(BACKEND == "numpy",
                                    reason="the numpy backend runs inference only: there is no training to time")


@needs_training
def test_quick_run_writes_and_prints_the_table(tmp_path):
    output = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, os.path.join(HERE, "run.py"), "--quick", "--workloads", "mlp", "--backends", BACKEND,
         "--frameworks", "raw,keras_lite", "--no-soak", "--output", str(output)],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    text = output.read_text()
    assert text.strip() in done.stdout
    assert "## Acceptance (issue 9)" in text
    assert "## mlp: MNIST MLP" in text
    rows = [line for line in text.splitlines() if line.startswith(f"| {BACKEND} | ")]
    assert any("| raw engine |" in line for line in rows)
    assert any("| keras_lite |" in line for line in rows)
    assert not any("failed:" in line for line in rows)
    versions = text.splitlines()[3]
    assert versions.startswith("Versions: keras_lite ")


def test_numpy_backend_is_refused_with_a_reason():
    done = subprocess.run([sys.executable, os.path.join(HERE, "run.py"), "--quick", "--backends", "numpy"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "inference only" in done.stderr


def test_soak_reports_rss_growth_per_phase():
    """On the numpy backend whatever the suite's backend: the soak's mechanics in two seconds (an engine's
    import and traces would take most of this file's time budget; `make bench` soaks every engine)."""
    done = subprocess.run([sys.executable, os.path.join(HERE, "soak.py"), "--backends", "numpy", "--iterations", "3",
                           "--rebuilds", "2"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    row = next(line for line in done.stdout.splitlines() if line.startswith("| numpy | "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "3" and cells[7] == "2"  # iterations, rebuilds
    assert cells[-1] == "present"  # keras_lite.utils.clear_session
    assert cells[4].endswith(("✓", "✗")) and cells[10].endswith(("✓", "✗"))  # growth figures were computed
