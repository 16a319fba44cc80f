"""Where the shared real logs are: ../shared/corpus, from the checkout or from a worktree."""

from pathlib import Path

import pytest

_HERE = Path(__file__).resolve()
CORPUS = next(
    (
        folder / "shared" / "corpus"
        for folder in _HERE.parents
        if (folder / "shared" / "corpus").is_dir()
    ),
    _HERE.parents[2] / "shared" / "corpus",
)
HISTORY = CORPUS / "history-2021-2023.md"
SEED = CORPUS / "seed-log.txt"


def corpus_text(path: Path) -> str:
    """A corpus file's text, or skip the test when the corpus is not next to the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path.read_text(encoding="utf-8")
