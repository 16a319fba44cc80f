"""The packaged Whisper model: joined from its two packages once, checked, never downloaded."""

import os
from pathlib import Path

import pytest

from bot.media.whisper_model import (
    BASE,
    ModelUnavailableError,
    PackagedModel,
    assemble,
    locate_model,
    model_is_available,
    packaged_model_installed,
)


def test_the_voice_extra_installs_the_base_model() -> None:
    assert packaged_model_installed("base")
    assert model_is_available("base")
    assert not packaged_model_installed("large-v3")


def test_the_parts_join_into_the_pinned_model_once(tmp_path: Path) -> None:
    folder = locate_model("base", tmp_path / "models")
    assert folder.parent == tmp_path / "models"
    assert (folder / "model.bin").stat().st_size == BASE.size
    assert {path.name for path in folder.iterdir()} >= {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.json",
    }
    # Nothing half-built is left beside it.
    assert [path.name for path in (tmp_path / "models").iterdir()] == [folder.name]
    inode = (folder / "model.bin").stat().st_ino
    assert locate_model("base", tmp_path / "models") == folder
    assert (folder / "model.bin").stat().st_ino == inode  # reused, not joined again


def test_a_truncated_copy_is_joined_again(tmp_path: Path) -> None:
    folder = assemble(BASE, tmp_path)
    with (folder / "model.bin").open("r+b") as model_bin:
        model_bin.truncate(1000)
    assert assemble(BASE, tmp_path) == folder
    assert (folder / "model.bin").stat().st_size == BASE.size


def test_parts_that_do_not_match_the_pinned_hash_are_refused(tmp_path: Path) -> None:
    tampered = PackagedModel(
        name="base",
        parts=BASE.parts,
        json_package=BASE.json_package,
        json_files=BASE.json_files,
        sha256="0" * 64,
        size=BASE.size,
    )
    with pytest.raises(ModelUnavailableError, match="do not join into the expected"):
        assemble(tampered, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_used_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"weights")
    (tmp_path / "config.json").write_text("{}")
    assert locate_model(str(tmp_path), tmp_path / "cache") == tmp_path
    assert model_is_available(str(tmp_path))


@pytest.mark.parametrize("setting", ["large-v3", "small", "/no/such/folder"])
def test_anything_else_is_refused_rather_than_downloaded(setting: str, tmp_path: Path) -> None:
    assert not model_is_available(setting)
    with pytest.raises(ModelUnavailableError, match="neither a folder"):
        locate_model(setting, tmp_path)
    assert not os.listdir(tmp_path)
