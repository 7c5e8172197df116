"""Benchmark: how long validation takes for the real data and for generated data sets.

Run with `make bench`. Prints one line per data set: records, seconds, records per second,
and the ratio to the 2-second target for 5,000 records.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory.data.loading import load
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0


def measure(data: Path, repeats: int = 3) -> tuple[int, float]:
    best = float("inf")
    records = 0
    for _ in range(repeats):
        started = time.perf_counter()
        directory = load(data)
        best = min(best, time.perf_counter() - started)
        records = len(directory.services) + len(directory.organisations)
    return records, best


def main() -> None:
    print(f"{'data set':<24}{'records':>9}{'seconds':>10}{'records/s':>11}{'of 2 s target':>15}")
    rows = [("real data", ROOT / "data")]
    with tempfile.TemporaryDirectory() as tmp:
        for size in (500, 2000, 5000):
            rows.append((f"{size} services", generate(Path(tmp) / str(size), size)))
        for label, data in rows:
            records, seconds = measure(data)
            print(
                f"{label:<24}{records:>9}{seconds:>10.3f}{records / seconds:>11.0f}"
                f"{seconds / TARGET_SECONDS:>14.0%}"
            )


if __name__ == "__main__":
    main()
