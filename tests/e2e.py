"""Running the real `python -m bot` as a subprocess against the fake Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from types import TracebackType
from typing import Self

ROOT = Path(__file__).resolve().parents[1]


class BotProcess:
    """`python -m bot` in its own working directory, logging to a file."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.log_path = workdir / "bot.log"
        self._env = env
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the bot; its stderr goes to bot.log."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("BOT_")}
        env.update(self._env)
        env["PYTHONPATH"] = str(ROOT)
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=self.workdir,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    async def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 20) -> int:  # noqa: ASYNC109
        """Send a signal and wait for the exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(sig)
        return await asyncio.wait_for(self.process.wait(), timeout)

    def log(self) -> str:
        """Everything the bot wrote to stderr and stdout so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
