"""python -m fakebotapi: the fake Bot API server in its own process, for end-to-end tests."""

import argparse
import asyncio
import signal
import sys
from pathlib import Path

from fakebotapi.core import DEFAULT_TOKEN
from fakebotapi.server import FakeBotApiServer


def _write_ready_file(path: Path, url: str) -> None:
    # Written whole and then renamed, so a waiting test never reads half a URL.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(url + "\n", encoding="utf-8")
    partial.replace(path)


async def _serve(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    server = FakeBotApiServer(
        token=args.token, host=args.host, port=args.port, limit_per_second=args.limit_per_second
    )
    async with server:
        if args.ready_file is not None:
            await asyncio.to_thread(_write_ready_file, args.ready_file, server.url)
        sys.stdout.write(f"fake Bot API listening on {server.url}\n")
        sys.stdout.flush()
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGINT or SIGTERM; exit code 0 on a clean stop."""
    parser = argparse.ArgumentParser(prog="python -m fakebotapi", description=__doc__)
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the one valid bot token")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--ready-file", type=Path, help="where to write the URL once listening")
    parser.add_argument("--limit-per-second", type=int, help="answer 429 above this many sends/s")
    asyncio.run(_serve(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
