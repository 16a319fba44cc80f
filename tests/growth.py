"""How a reader's time grows with its input: a ratio within one run, never a wall-clock bound."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(runs: int, call: Callable[[], object]) -> float:
    """The fastest of a few timings: the least disturbed by other work on a shared machine."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return min(timings)


def growth(read: Callable[[str], object], small: str, large: str, runs: int = 5) -> float:
    """How many times longer `read` takes on `large` than on `small`."""
    return best_of(runs, lambda: read(large)) / max(best_of(runs, lambda: read(small)), 1e-7)
