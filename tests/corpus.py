"""Where the shared corpus of real logs is: `$DAYLOG_CORPUS`, or a `shared/corpus` folder above.

The corpus lives beside the repository (`../shared/corpus/`), not in it; a checkout elsewhere
(a worktree, a fork) finds it by looking upward, and tests that need it skip when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def find_corpus(start: Path = Path(__file__)) -> Path:
    """The nearest `shared/corpus` above `start` that holds the logs.

    A fixed number of `..` breaks in a git worktree, one level deeper than the main checkout.
    When nothing is found, the folder beside the repository is returned, so that a skip reason
    names where the logs were expected.
    """
    override = os.environ.get("DAYLOG_CORPUS")
    if override:
        return Path(override)
    for folder in start.resolve().parents:
        candidate = folder / "shared" / "corpus"
        if (candidate / "history-2021-2023.md").is_file():
            return candidate
    return start.resolve().parents[2] / "shared" / "corpus"


CORPUS_DIR = find_corpus()


def corpus_file(name: str) -> Path:
    """A corpus file's path; skips the calling test, saying why, when it is missing."""
    if not (CORPUS_DIR / name).is_file():
        pytest.skip(
            f"corpus file {name} not found: the shared corpus (../shared/corpus/) is not beside "
            "this checkout; set DAYLOG_CORPUS to its folder to run this test"
        )
    return CORPUS_DIR / name


HISTORY = CORPUS_DIR / "history-2021-2023.md"
SEED = CORPUS_DIR / "seed-log.txt"


def corpus_text(path: Path) -> str:
    """A corpus file's text; skips the calling test, saying why, when it is missing."""
    return corpus_file(path.name).read_text(encoding="utf-8")
