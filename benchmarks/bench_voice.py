"""Voice notes: transcription speed on this machine, and that text stays quick meanwhile.

Run: .venv/bin/python benchmarks/bench_voice.py [--threads 1 2] [--seconds 3 8 20 60]
Needs espeak-ng (Debian) and the voice extra. Speech is generated with espeak-ng and encoded
as OGG/Opus, as Telegram sends voice notes; the model is the packaged Whisper base (int8).
Prints:
- the real-time factor (transcription time / audio length) per note length, language and
  number of CTranslate2 threads (goal: at most 0.3 with the base model);
- the time from queueing a note to its transcript through the transcription queue (real
  SQLite, real files);
- how long another chat's text message takes to be handled and answered (process_update,
  through the real application and the in-process fake Bot API) while a long note is being
  transcribed, next to the same with nothing transcribing (goal: under 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402

from bot.app import build_application  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.media.files import MediaFiles  # noqa: E402
from bot.media.local_whisper import LocalWhisper, default_threads  # noqa: E402
from bot.media.queue import JobOutcome, TranscriptionQueue  # noqa: E402
from bot.media.whisper_model import locate_model  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.store.attachments import NewAttachment  # noqa: E402
from fakebotapi import FakeBotApi, FakeRequest, FakeUser  # noqa: E402
from tests.speech import (  # noqa: E402
    ESPEAK,
    MANDARIN_PINYIN,
    duration_seconds,
    ogg_opus,
    speak_wav,
)

TOKEN = "424242:BENCH-voice-token"
ENGLISH_SENTENCE = (
    "Today I fixed the flaky deploy job, then I read forty pages of The Great Gatsby. "
)
# A day told aloud, each sentence different: a text said again and again is not how people
# talk, and Whisper treats repetition as a decoding failure (it samples again at higher
# temperatures), which would measure that instead of transcription.
ENGLISH_DAY = (
    "Today I fixed the flaky deploy job.",
    "Then I read forty pages of The Great Gatsby.",
    "The meeting with the design team ran late, so I skipped the gym.",
    "I cooked dinner with my sister and we watched a film about climbing in Nepal.",
    "Remember to water the plants and call the plumber tomorrow morning.",
    "The quarterly report still needs two charts and a summary for the board.",
    "I went running in the park and saw the first snow of the winter.",
    "My brother called to say the new apartment finally has hot water.",
    "After lunch I reviewed three pull requests and answered a long email about holidays.",
    "The train home was crowded, so I listened to a podcast about the history of maps.",
    "Before bed I wrote a letter to my grandmother and planned the weekend trip.",
    "On Saturday we want to visit the lake, if the weather stays clear and cold.",
    "I also need to renew my passport before the end of the month.",
    "The cat knocked a glass of water off the desk while I was on a video call.",
    "Tomorrow I start the second chapter of the statistics course.",
    "Overall it was a calm and useful day, and I am going to sleep early.",
)
MANDARIN_SENTENCE = "jin1 tian1 wo3 du2 le5 yi4 ben3 shu1, ran2 hou4 qu4 pao3 bu4 le5. "
NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
# Each note is transcribed this many times; the quickest counts (the machine is shared).
TRIES = 2


def english_note_of_about(seconds: float) -> bytes:
    """A voice note of at least `seconds` (or the first sentence alone, for a short one):
    the day's sentences in order, none said twice until all are."""
    said: list[str] = []
    note = b""
    while not said or duration_seconds(note) < seconds:
        said.append(ENGLISH_DAY[len(said) % len(ENGLISH_DAY)])
        note = ogg_opus(speak_wav(" ".join(said)))
        if len(said) == 1 and duration_seconds(note) >= seconds * 0.6:
            break
    return note


async def real_time_factors(
    model: Path, threads_options: list[int], lengths: list[float], work: Path
) -> None:
    print("real-time factor (transcription seconds / audio seconds), Whisper base int8;")
    print("CPU s is the process's CPU time, which other work on a shared machine does not inflate;")
    print(f"each note transcribed {TRIES} times, the quickest shown")
    print(
        f"{'language':>8} {'audio s':>8} {'threads':>7} {'took s':>7} {'RTF':>6} {'CPU s':>6}"
        f" {'CPU RTF':>7}  transcript"
    )
    notes = [("en", english_note_of_about(seconds)) for seconds in lengths]
    notes.append(("zh", ogg_opus(speak_wav(MANDARIN_SENTENCE, MANDARIN_PINYIN))))
    for threads in threads_options:
        whisper = LocalWhisper(str(model), cache_dir=work, threads=threads)
        await whisper.warm_up()
        try:
            for language, data in notes:
                path = work / f"note-{language}-{len(data)}.ogg"
                path.write_bytes(data)
                took = cpu = float("inf")
                for _ in range(TRIES):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    transcript = await whisper.transcribe(path, language)
                    took = min(took, time.perf_counter() - started)
                    cpu = min(cpu, time.process_time() - cpu_started)
                length = transcript.duration or duration_seconds(data)
                print(
                    f"{language:>8} {length:8.1f} {threads:7d} {took:7.2f} {took / length:6.3f}"
                    f" {cpu:6.2f} {cpu / length:7.3f}  {transcript.text!r:.70}"
                )
        finally:
            await whisper.close()


async def queue_latency(model: Path, work: Path) -> None:
    store = await Store.open(work / "queue.sqlite3")
    files = MediaFiles(work / "media")
    whisper = LocalWhisper(str(model), cache_dir=work)
    outcomes: asyncio.Queue[tuple[JobOutcome, float]] = asyncio.Queue()

    async def finished(outcome: JobOutcome) -> None:
        await outcomes.put((outcome, time.perf_counter()))

    queue = TranscriptionQueue(store.attachments, files, whisper, on_outcome=finished)
    try:
        await whisper.warm_up()
        await store.users.ensure(1, chat_id=1, language="en", timezone="UTC", now=NOW)
        await queue.start()
        data = ogg_opus(speak_wav(ENGLISH_SENTENCE))
        length = duration_seconds(data)
        print(f"\nfrom a queued {length:.1f} s note to its transcript (queue, SQLite, files)")
        for message_id in range(1, 4):
            started = time.perf_counter()
            entry, _ = await store.entries.add(
                1, "🎤", date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=message_id
            )
            voice = NewAttachment(kind="voice", file_id="v", file_unique_id=f"u{message_id}")
            [attachment] = await store.attachments.attach(1, entry.id, [voice], at=NOW)
            kept = await files.save(1, data)
            await store.attachments.mark_stored(1, attachment.id, kept.sha256, kept.size)
            await store.attachments.enqueue(1, attachment.id, at=NOW, language="en")
            queue.wake()
            outcome, done = await outcomes.get()
            text = outcome.transcript.text if outcome.transcript else outcome.error
            print(f"  note {message_id}: {done - started:.2f} s  ({text!r:.60})")
    finally:
        await queue.stop()
        await whisper.close()
        await store.close()


async def text_while_transcribing(model: Path, work: Path, long_seconds: float) -> None:
    api = FakeBotApi(TOKEN)
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url="http://127.0.0.1:9",
        database_path=work / "bot.sqlite3",
        transcriber="off",
    )
    app = build_application(
        settings, request=FakeRequest(api), get_updates_request=FakeRequest(api)
    )
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    whisper = LocalWhisper(str(model), cache_dir=work)
    try:
        await whisper.warm_up()
        long_note = work / "long.ogg"
        long_note.write_bytes(english_note_of_about(long_seconds))
        bob = FakeUser(id=2002, first_name="Bob")
        for warm in range(5):
            await app.process_update(Update.de_json(api.text_update(bob, f"warm {warm}"), app.bot))

        async def answer_times(count: int, stop: asyncio.Task[object] | None) -> list[float]:
            times = []
            for number in range(count):
                if stop is not None and stop.done():
                    break
                update = Update.de_json(api.text_update(bob, f"read {number} pages"), app.bot)
                started = time.perf_counter()
                await app.process_update(update)
                times.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.05)
            return times

        idle = await answer_times(40, None)
        transcription = asyncio.create_task(whisper.transcribe(long_note, "en"))
        busy = await answer_times(400, transcription)
        await transcription
        print(
            f"\nanother chat's text message, handled and answered (ms), "
            f"while a {long_seconds:.0f} s note transcribes on {default_threads()} thread(s)"
        )
        for name, samples in (("idle", idle), ("transcribing", busy)):
            ordered = sorted(samples)
            p50 = ordered[len(ordered) // 2]
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            print(
                f"  {name:>12}: n={len(samples):3d} p50={p50:6.1f} p95={p95:6.1f} "
                f"max={ordered[-1]:6.1f}"
            )
    finally:
        await whisper.close()
        assert app.post_shutdown is not None
        await app.shutdown()
        await app.post_shutdown(app)
        await api.aclose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seconds", type=float, nargs="+", default=[3, 8, 20, 60])
    parser.add_argument(
        "--rtf-only", action="store_true", help="only the real-time factors, not the latencies"
    )
    arguments = parser.parse_args()
    if ESPEAK is None:
        print("bench_voice skipped: espeak-ng is not installed (apt-get install espeak-ng)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        model = locate_model("base", work / "models")
        print(f"joined and checked the packaged model in {time.perf_counter() - started:.1f} s")
        await real_time_factors(model, arguments.threads, arguments.seconds, work)
        if arguments.rtf_only:
            return
        await queue_latency(model, work)
        await text_while_transcribing(model, work, max(arguments.seconds))


if __name__ == "__main__":
    asyncio.run(main())
