"""Mixed precision: inside an AutocastScope, float Variables read as the scope's dtype.

A layer with policy "mixed_float16" keeps float32 variables but computes in
float16: its call runs in AutocastScope("float16"), so `kernel.value` and
`kernel.dtype` give float16 there and float32 elsewhere (optimizer updates).
"""
import threading


class _Local(threading.local):
    scope = None


state = _Local()


class AutocastScope:
    def __init__(self, dtype):
        self.dtype = dtype

    def __enter__(self):
        self._previous = state.scope
        state.scope = self
        return self

    def __exit__(self, *exc):
        state.scope = self._previous


def get_autocast_scope():
    return state.scope
