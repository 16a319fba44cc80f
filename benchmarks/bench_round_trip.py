"""The export -> import round trip over 10,000 generated logs per format (make test runs 1,000).

Runs tests/test_transfer_round_trip.py with ROUND_TRIP_EXAMPLES=10000 and prints how long it
took; a failing log is printed by hypothesis, and the exit code is pytest's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = 10_000


def main() -> int:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/test_transfer_round_trip.py"],
        cwd=ROOT,
        env={**os.environ, "ROUND_TRIP_EXAMPLES": str(EXAMPLES)},
        check=False,
    )
    elapsed = time.perf_counter() - started
    verdict = "held" if result.returncode == 0 else "FAILED"
    print(f"round trip over {EXAMPLES} logs per format (md, jrnl): {verdict} in {elapsed:.1f} s")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
