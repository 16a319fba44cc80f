"""The layer contract holds, catches a back-import, matches the README, and leaves no cycle."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any, cast

from tests.architecture_check import cycles, top_level_imports

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contract(contract_id: str) -> dict[str, Any]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (found,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == contract_id]
    return cast("dict[str, Any]", found)


def contract_layers() -> list[str]:
    return cast("list[str]", contract("layers")["layers"])


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_no_cycle_between_folders_or_top_level_modules() -> None:
    edges = top_level_imports()
    assert "handlers" in edges  # the graph was really built
    assert cycles(edges) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_contract_fails_on_a_back_import(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    kept = lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr

    # The store reaching up into a feature, as store/progress.py once did for a type.
    store = tmp_path / "bot" / "store" / "progress.py"
    store.write_text(store.read_text(encoding="utf-8") + "\nimport bot.progress.pace\n")
    broken = lint_imports(tmp_path)
    assert broken.returncode == 1
    assert "bot.store.progress -> bot.progress.pace" in broken.stdout


def test_the_readme_draws_the_contract() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Architecture\n(.*?)^## ", readme, re.M | re.S)
    assert section
    picture = re.search(r"^```\n(.*?)^```", section.group(1), re.M | re.S)
    assert picture
    drawn = [re.split(r"\s{2,}", line.strip())[0] for line in picture.group(1).splitlines()]
    assert drawn == contract_layers()


def test_every_handler_module_is_held_independent() -> None:
    # filters.py is shared by all of them; __init__.py wires them.
    modules = {
        f"bot.handlers.{path.stem}"
        for path in (ROOT / "bot" / "handlers").glob("*.py")
        if path.stem not in ("__init__", "filters")
    }
    assert set(contract("handlers")["modules"]) == modules
