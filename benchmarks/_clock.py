"""Wall and process-CPU time of each epoch.

Wall time is what a user waits and what the tables rank by. Process CPU time (every thread of the
process) is what other processes' load disturbs least on a shared machine; it misses what a step loses
to waiting (a host sync that stops Python from running ahead of the engine), so it is reported beside
wall time, never instead of it."""
import time


class EpochClock:
    def __init__(self):
        self.wall, self.cpu = [], []

    def start(self):
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def stop(self):
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.process_time() - self._cpu)
