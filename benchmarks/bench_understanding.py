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


def _row(name: str, result: Score) -> str:
    return (
        f"{name:42} {result.expected:6} {result.predicted:6} {result.hits:5} "
        f"{result.precision:6.2f} {result.recall:6.2f} {len(result.traps_taken)}/{result.traps}"
    )


if __name__ == "__main__":
    main()
