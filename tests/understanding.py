"""How well the progress parser reads real logs: labelled lines against what it finds, per source.

Shared by `benchmarks/bench_understanding.py` (which prints the table) and
`tests/test_understanding.py` (which asserts on it). The labels are in `tests/data/` (see its
README); the logs are read from the shared corpus, each file as one text, the way a pasted day
or an imported file reaches the parser.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.progress.notations import read_progress_lines
from bot.progress.titles import match_item
from tests.corpus import CORPUS_DIR

DATA = Path(__file__).parent / "data"
SEED_LABELS = DATA / "progress_labels.jsonl"
MORE_LABELS = DATA / "progress_labels_more"

# (item key, value, total, unit, completed): one update, as the labels and the parser give it.
Found = tuple[str, float | None, float | None, str, bool]
Place = tuple[str, int]


@dataclass(frozen=True)
class Source:
    """One author's labelled log: a name for the table and the labels of its files."""

    name: str
    labels: list[dict[str, Any]]

    @property
    def files(self) -> list[str]:
        return sorted({label["file"] for label in self.labels})

    def present(self, corpus: Path = CORPUS_DIR) -> bool:
        return all((corpus / name).is_file() for name in self.files)


@dataclass(frozen=True)
class Score:
    """Counts for one source; precision and recall follow from them."""

    hits: int
    predicted: int
    expected: int
    traps: int
    traps_taken: list[Place]

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.hits + other.hits,
            self.predicted + other.predicted,
            self.expected + other.expected,
            self.traps + other.traps,
            self.traps_taken + other.traps_taken,
        )


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def sources() -> list[Source]:
    """The seed author's log, then each other author's, as labelled."""
    found = [Source("ryan4yin (seed author)", load_jsonl(SEED_LABELS))]
    for path in sorted(MORE_LABELS.glob("*.jsonl")):
        found.append(Source(path.stem, load_jsonl(path)))
    return found


def expected_of(label: dict[str, Any]) -> list[Found]:
    return [
        (e["key"], e["value"], e["total"], e["unit"], e["completed"]) for e in label["expected"]
    ]


def read_file(name: str, corpus: Path = CORPUS_DIR) -> dict[int, list[Found]]:
    """What the parser finds in one corpus file read as one text, by line number (from 1)."""
    text = (corpus / name).read_text(encoding="utf-8")
    found: dict[int, list[Found]] = {}
    for index, u in read_progress_lines(text):
        found.setdefault(index + 1, []).append((u.key, u.value, u.total, u.unit, u.completed))
    return found


def same_update(got: Found, wanted: Found) -> bool:
    """The same position of the same item: equal numbers and unit, titles the store would join."""
    if got[1:] != wanted[1:]:
        return False
    return got[0] == wanted[0] or match_item(got[0], [wanted[0]]) is not None


def score(source: Source, corpus: Path = CORPUS_DIR) -> Score:
    """Precision and recall of the parser on one source's labelled lines.

    A line labelled `unclear` (a reader could go either way) counts neither way; every other
    line without a label is a line with no progress, so anything found there is a false one.
    """
    by_place = {(label["file"], label["line"]): label for label in source.labels}
    hits = predicted = 0
    taken: list[Place] = []
    for name in source.files:
        lines = (corpus / name).read_text(encoding="utf-8").splitlines()
        for label in source.labels:
            if label["file"] == name and "text" in label:
                assert lines[label["line"] - 1] == label["text"], ("labels out of step", label)
        for number, updates in read_file(name, corpus).items():
            label = by_place.get((name, number))
            if label is not None and label["kind"] == "unclear":
                continue
            predicted += len(updates)
            if label is None:
                continue
            if label["kind"] == "trap":
                taken.append((name, number))
            hits += _matched(updates, expected_of(label))
    expected = sum(len(label["expected"]) for label in source.labels)
    traps = sum(1 for label in source.labels if label["kind"] == "trap")
    return Score(hits, predicted, expected, traps, taken)


def misses(source: Source, corpus: Path = CORPUS_DIR) -> Iterable[tuple[Place, Any, Any]]:
    """Every labelled or predicted line where the two disagree: (place, expected, found)."""
    by_place = {(label["file"], label["line"]): label for label in source.labels}
    found: dict[Place, list[Found]] = {}
    for name in source.files:
        for number, updates in read_file(name, corpus).items():
            found[(name, number)] = updates
    for place in sorted(set(by_place) | set(found)):
        label = by_place.get(place)
        if label is not None and label["kind"] == "unclear":
            continue
        wanted = expected_of(label) if label else []
        got = found.get(place, [])
        if _matched(got, wanted) != len(wanted) or len(got) != len(wanted):
            yield place, wanted, got


def _matched(got: list[Found], wanted: list[Found]) -> int:
    """How many expected updates the found ones cover, each found one used once."""
    left = list(got)
    count = 0
    for want in wanted:
        for index, candidate in enumerate(left):
            if same_update(candidate, want):
                del left[index]
                count += 1
                break
    return count
