"""The transcription queue: jobs are rows in SQLite, worked off by a few tasks in turn.

A note is queued in the same transaction that keeps it, so a crash between the two cannot
lose it; at start, jobs a crash left running are queued again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.media.files import MediaFiles
from bot.media.transcribers import Transcriber, Transcript, TranscriptionError
from bot.store.attachments import AttachmentStore, TranscriptionJob

log = logging.getLogger(__name__)

# A note that makes the process die while it is transcribed is tried this often, then failed.
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class JobOutcome:
    """How a job ended: with a transcript, or with an error that is safe to show."""

    job: TranscriptionJob
    transcript: Transcript | None
    error: str | None


OutcomeHandler = Callable[[JobOutcome], Awaitable[None]]


def _now() -> datetime:
    return datetime.now(UTC)


class TranscriptionQueue:
    """Works off pending transcription jobs with `workers` tasks; wake() after queueing one."""

    def __init__(
        self,
        attachments: AttachmentStore,
        files: MediaFiles,
        transcriber: Transcriber,
        *,
        on_outcome: OutcomeHandler | None = None,
        workers: int = 1,
        max_attempts: int = MAX_ATTEMPTS,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._attachments = attachments
        self._files = files
        self._transcriber = transcriber
        self._on_outcome = on_outcome
        self._worker_count = workers
        self._max_attempts = max_attempts
        self._clock = clock
        self._wakeup = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def transcriber(self) -> Transcriber:
        """Who transcribes the queue's notes."""
        return self._transcriber

    async def start(self) -> int:
        """Queue again what a crash left running, then start the workers; returns how many
        jobs wait."""
        await self._attachments.requeue_interrupted(
            max_attempts=self._max_attempts, at=self._clock()
        )
        waiting = await self._attachments.pending_count()
        self._tasks = [
            asyncio.create_task(self._work(), name=f"transcription-worker-{number}")
            for number in range(self._worker_count)
        ]
        return waiting

    def wake(self) -> None:
        """A job was queued: let an idle worker take it."""
        self._wakeup.set()

    async def stop(self) -> None:
        """Stop the workers; a job under way stays `running` and is queued again at start."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _work(self) -> None:
        while True:
            # Cleared before looking, so a job queued while this worker looks wakes it later.
            self._wakeup.clear()
            job = await self._attachments.claim_next(at=self._clock())
            if job is None:
                await self._wakeup.wait()
                continue
            outcome = await self._run(job)
            if self._on_outcome is not None:
                try:
                    await self._on_outcome(outcome)
                except Exception:
                    # Editing the reply can fail (the chat blocked the bot); the transcript is
                    # kept all the same, and the next job must still run.
                    log.exception("handling the outcome of transcription job %d failed", job.id)

    async def _run(self, job: TranscriptionJob) -> JobOutcome:
        if job.sha256 is None:
            return await self._failed(job, "the audio was not kept, so it cannot be transcribed")
        path = self._files.path_of(job.user_id, job.sha256)
        try:
            transcript = await self._transcriber.transcribe(
                path, job.language, mime_type=job.mime_type
            )
        except TranscriptionError as error:
            return await self._failed(job, str(error))
        except Exception:
            # A bug or a broken model must cost one note, not the worker that serves them all.
            log.exception("transcription job %d failed", job.id)
            return await self._failed(job, "the transcriber failed")
        await self._attachments.finish(job.id, transcript.text, at=self._clock())
        return JobOutcome(job, transcript, None)

    async def _failed(self, job: TranscriptionJob, error: str) -> JobOutcome:
        await self._attachments.fail(job.id, error, at=self._clock())
        return JobOutcome(job, None, error)
