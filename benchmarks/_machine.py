"""What the figures were measured on: machine, load, package versions, date."""
import datetime
import importlib.metadata
import os
import platform

PACKAGES = ("keras_lite", "keras", "jax", "jaxlib", "torch", "tensorflow", "numpy")
DISTRIBUTIONS = {"tensorflow": ("tensorflow", "tensorflow-cpu")}  # the names a package is installed under


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return int(line.split()[1]) / 2 ** 20
    except OSError:
        pass
    return float("nan")


def _version(name):
    for distribution in DISTRIBUTIONS.get(name, (name,)):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            pass
    return "not installed"


def load():
    """The 1/5/15-minute load averages, as `uptime` prints them."""
    return "{:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())


def describe():
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{_cpu_model()}, {os.cpu_count()} logical cores, {_memory_gib():.0f} GiB RAM",
        "system": platform.platform(),
        "python": platform.python_version(),
        "versions": {name: _version(name) for name in PACKAGES},
        "load_start": load(),
        "cores": os.cpu_count(),
    }
