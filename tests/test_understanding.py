"""The parser on other people's logs: labels in step with the corpus, and the targets of issue 11.

The logs are in the shared corpus beside the repository (`tests/corpus.py`); without it these
tests skip, saying why. The labels are in `tests/data/progress_labels_more/` (README there).
"""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS_DIR
from tests.understanding import Source, score, sources

SOURCES = sources()
OTHERS = [source for source in SOURCES if not source.name.startswith("ryan4yin")]


def needs_corpus(source: Source) -> None:
    if not source.present():
        pytest.skip(
            f"the log files of {source.name} are not under {CORPUS_DIR}: the shared corpus is not "
            "beside this checkout; set DAYLOG_CORPUS to its folder to run this test"
        )


def test_every_source_is_labelled() -> None:
    assert len(OTHERS) == 6
    assert all(source.labels for source in SOURCES)


@pytest.mark.parametrize("source", OTHERS, ids=lambda source: source.name)
def test_labels_are_in_step_with_the_corpus(source: Source) -> None:
    """Each labelled line exists, and holds the text the label quotes (where one is kept)."""
    needs_corpus(source)
    for name in source.files:
        lines = (CORPUS_DIR / name).read_text(encoding="utf-8").splitlines()
        for label in source.labels:
            if label["file"] == name:
                assert 1 <= label["line"] <= len(lines), label
                if "text" in label:
                    assert lines[label["line"] - 1] == label["text"], label


@pytest.mark.skip(reason="issue 11 target, switched on once the parser reaches it on these logs")
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_no_trap_is_taken(source: Source) -> None:
    needs_corpus(source)
    assert score(source).traps_taken == []


@pytest.mark.skip(reason="issue 11 target, switched on once the parser reaches it on these logs")
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_precision_and_recall(source: Source) -> None:
    needs_corpus(source)
    result = score(source)
    assert result.precision >= 0.95, result
    assert result.recall >= 0.90, result
