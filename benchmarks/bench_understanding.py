"""How well daylog reads other people's logs: progress precision, recall and traps, per source.

Run on purpose (`.venv/bin/python benchmarks/bench_understanding.py [--misses]`); it prints a
table and asserts nothing. The labelled lines are in `tests/data/` (see its README); every
corpus file is read as one text. `--misses` lists each line where the parser and the labels
disagree, for reading, not for tuning to one line.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.progress.notations import read_progress_lines  # noqa: E402
from tests.corpus import CORPUS_DIR  # noqa: E402
from tests.understanding import Score, misses, score, sources  # noqa: E402


def main() -> None:
    show_misses = "--misses" in sys.argv[1:]
    header = f"{'source':42} {'labels':>6} {'found':>6} {'hits':>5} {'prec':>6} {'recall':>6} traps"
    print(header)
    print("-" * len(header))
    everyone = others = Score(0, 0, 0, 0, [])
    started = time.perf_counter()
    for source in sources():
        if not source.present():
            print(f"{source.name:42} (corpus files not found under {CORPUS_DIR})")
            continue
        result = score(source)
        everyone += result
        if not source.name.startswith("ryan4yin"):
            others += result
        print(_row(source.name, result))
        if show_misses:
            for place, wanted, got in misses(source):
                print(f"    {place[0]}:{place[1]}\n      want {wanted}\n      got  {got}")
    print("-" * len(header))
    print(_row("other people", others))
    print(_row("all", everyone))
    print(f"\nread and scored in {time.perf_counter() - started:.2f} s")
    _hostile()


# Fragments that a careless pattern would retry at every position: repeated to 4,096 characters
# in one line and one per line, each text's reading time shows whether the parser stays linear.
FRAGMENTS = (
    "1",
    "1 ",
    "- ",
    "[",
    "![[",
    "[[",
    "《",
    "(",
    "http://",
    "<!--",
    "`",
    "第",
    "第1",
    "Day 1 ",
    "P1-",
    "S1-",
    "1/",
    "1%",
    "进度 ",
    "读完了",
    "看完了",
    "把",
    "finished the ",
    "Finished ",
    "is ",
    "by p. 1",
    "of ",
    "half ",
    "一半",
    "the todo ",
    "a ",
    " ",
    "\t",
)


def _hostile() -> None:
    """The slowest reading of a 4,096-character text, and how it grows from 1,024 characters."""
    worst: tuple[float, float, str] = (0.0, 0.0, "")
    for fragment in FRAGMENTS:
        for joiner in ("", "\n"):
            times = []
            for size in (1024, 4096):
                text = joiner.join([fragment] * (size // len(fragment) + 1))[:size]
                best = min(_timed(text) for _ in range(3))
                times.append(best)
            if times[1] > worst[0]:
                worst = (times[1], times[1] / max(times[0], 1e-9), repr(fragment + joiner))
    print(
        f"slowest 4,096-char text: {worst[0] * 1000:.1f} ms ({worst[2]} repeated), "
        f"x{worst[1]:.1f} the time of 1,024 chars (x4 is linear)"
    )


def _timed(text: str) -> float:
    started = time.perf_counter()
    read_progress_lines(text)
    return time.perf_counter() - started


def _row(name: str, result: Score) -> str:
    return (
        f"{name:42} {result.expected:6} {result.predicted:6} {result.hits:5} "
        f"{result.precision:6.2f} {result.recall:6.2f} {len(result.traps_taken)}/{result.traps}"
    )


if __name__ == "__main__":
    main()
