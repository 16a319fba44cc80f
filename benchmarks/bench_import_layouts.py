"""/import on real logs by seven authors: files accepted, days found vs. expected, lines left out.

Run on purpose (`.venv/bin/python benchmarks/bench_import_layouts.py`); it prints a table and
asserts nothing (tests/test_import_layouts.py asserts the counts). Times are of one reading, for
comparing sources within a run.
"""

from __future__ import annotations

from _setup import HISTORY

from tests.import_layouts import SOURCES, measure


def main() -> None:
    corpus = HISTORY.parent
    print(
        f"{'source':34} {'files':>5} {'ok':>3} {'days':>5} {'expected':>8} {'entries':>7} "
        f"{'progress':>8} {'left out':>8} {'ms':>7}"
    )
    for source in SOURCES:
        result = measure(corpus, source)
        print(
            f"{source.name:34} {result.files:5} {'yes' if result.accepted else 'no':>3} "
            f"{result.days:5} {source.expected_days:8} {result.entries:7} {result.progress:8} "
            f"{result.lines_left_out:8} {result.seconds * 1000:7.1f}"
        )


if __name__ == "__main__":
    main()
