"""Progbar: the one-line progress display of fit/evaluate/predict.

`750/750 ━━━━━━━━━━━━━━━━━━━━ 1s 863us/step - accuracy: 0.8425 - loss: 0.5733`.
On a terminal the line is redrawn in place; otherwise only finished lines are
printed, so logs stay readable.
"""
import re
import sys
import time
from collections.abc import Mapping

from keras_lite.backends.common import config


def format_time(seconds):
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms"
    return f"{seconds * 1e6:.0f}us"


def format_value(value):
    if getattr(value, "size", 1) != 1:  # per-class metrics show as a list
        return "[" + " ".join(format_value(v) for v in value.reshape(-1)) + "]"
    value = float(value)
    return f"{value:.4f}" if abs(value) > 1e-3 or value == 0 else f"{value:.4e}"


_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")


class Progbar:
    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None, stateless_metrics=None,
                 unit_name="step"):
        """Values are shown as given (the trainer passes running averages), so `stateful_metrics` and
        `stateless_metrics` are accepted for Keras compatibility and change nothing."""
        self.target, self.width, self.verbose, self.interval = target, width, verbose, interval
        self.unit_name = unit_name
        self._start = time.time()
        self._last_update = 0.0
        self._values = {}
        self._interactive = (sys.stdout.isatty() and config.get("interactive_logging")) if verbose == 1 else False
        self._finished = False
        self._drawn_width = 0  # visible width of the line now on the terminal
        self._pending = None  # the latest logs mapping, not read yet

    def _bar(self, current):
        """Finished lines are plain; a bar in progress on a terminal colours its done part."""
        if self.target is None:
            return ""
        if current >= self.target:
            return "━" * self.width
        done = int(self.width * current / max(self.target, 1))
        return f"\x1b[32m{'━' * done}\x1b[0m\x1b[37m{'━' * (self.width - done)}\x1b[0m"

    def _line(self, current, finalize):
        elapsed = time.time() - self._start
        per_step = elapsed / max(current, 1)
        total = f"/{self.target}" if self.target is not None else "/Unknown"
        if self.verbose == 2:
            head = f"{current}{total} - {elapsed:.0f}s - {format_time(per_step)}/{self.unit_name}"
        else:
            remaining = elapsed if finalize or self.target is None else per_step * (self.target - current)
            clock = f"{remaining:.0f}s"
            head = f"{current}{total} {self._bar(current)} {clock} {format_time(per_step)}/{self.unit_name}"
        values = "".join(f" - {k}: {format_value(v)}" for k, v in self._values.items())
        return head + values

    def update(self, current, values=None, finalize=None):
        """`values`: (name, value) pairs, or a mapping that is read only when the bar is drawn (reading a
        training step's logs waits for the engine)."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        if isinstance(values, Mapping):
            self._pending = values
        else:
            for key, value in (values or []):
                self._values[key] = value
        if not self.verbose or self._finished:
            return
        now = time.time()
        if self.verbose == 1 and self._interactive:
            if finalize or now - self._last_update >= self.interval:
                self._read_pending()
                line = self._line(current, finalize)
                width = len(_ESCAPES.sub("", line))
                padding = " " * max(self._drawn_width - width, 0)  # blank out the end of a longer old line
                sys.stdout.write("\r" + line + padding + ("\n" if finalize else ""))
                sys.stdout.flush()
                self._drawn_width = 0 if finalize else width
                self._last_update = now
        elif finalize:
            self._read_pending()
            print(self._line(current, True), flush=True)
        self._finished = finalize

    def _read_pending(self):
        if self._pending is not None:
            self._values.update(self._pending.items())
            self._pending = None
