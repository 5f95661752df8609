"""`backcoach bench`: figures for speed and memory, printed, never asserted in unit tests.

Targets (issue 2 and 3): p99 per message <= 2 ms, >= 2,000 messages/s in batch, cold start
of `backcoach ask` <= 1.5 s, peak RSS <= 150 MB; routine building p99 reported alongside.
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bot.brain.brain import Brain
from bot.brain.model import EQUIPMENT, FOCUSES, LEVELS, RoutineOptions, Turn
from bot.brain.routine import build_routine
from bot.content import default_root, load_brain
from bot.evaluate import PARTS, load_cases

DAY = date(2026, 3, 2)


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def bench_messages() -> list[str]:
    """Realistic messages: the evaluation set plus long and odd inputs."""
    folder = default_root() / "tests" / "cases"
    texts = [c.text for part in PARTS if (folder / f"{part}.yaml").exists() for c in load_cases(folder / f"{part}.yaml")]
    rambling = " ".join(texts[:40])[:4000]
    return texts + [rambling, "x" * 10_000, "😀" * 50, "", "\x00\x01 ctrl"]


def measure_latency(brain: Brain, messages: list[str], min_samples: int) -> list[float]:
    """Per-message wall time of Brain.reply in milliseconds."""
    samples: list[float] = []
    for text in itertools.islice(itertools.cycle(messages), max(min_samples, len(messages))):
        turn = Turn(text, "bench", DAY)
        start = time.perf_counter()
        brain.reply(turn)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# Runs the real command line and then reports the process's own peak RSS (VmHWM). The
# rusage of a child is no good here: it counts the memory of this (forked) benchmark process.
_CHILD = (
    "import sys\n"
    "from bot.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
    "print(peak[0].split()[1] if peak else 0, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def measure_cold_start(content: Path | None, runs: int, cache: bool = True) -> tuple[list[float], list[float]]:
    """Wall seconds to the first answer line and peak RSS (MB) of `backcoach ask` in fresh processes."""
    cmd = [sys.executable, "-c", _CHILD, "ask", "how do i do a superman"]
    if content is not None:
        cmd += ["--content", str(content)]
    seconds, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        env = dict(os.environ, **({} if cache else {"BACKCOACH_CACHE_DIR": "off"}))
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        first = proc.stdout.readline()
        seconds.append(time.perf_counter() - start)
        _, err = proc.communicate()
        if proc.returncode != 0 or not first:
            raise RuntimeError(f"cold-start run failed with status {proc.returncode}: {err[-500:]}")
        rss.append(int(err.split()[-1]) / 1024)  # kilobytes
    return seconds, rss


def measure_routines(brain: Brain, days: int) -> list[float]:
    """Per-routine build time in milliseconds over every setting combination and many days."""
    samples = []
    combos = list(itertools.product(LEVELS, FOCUSES, EQUIPMENT, (10, 15, 30)))
    for offset in range(days):
        day = DAY + timedelta(days=offset)
        for level, focus, equipment, minutes in combos:
            options = RoutineOptions(level, focus, equipment, minutes)  # type: ignore[arg-type]
            start = time.perf_counter()
            build_routine(options, day, brain.knowledge)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def run_bench(content: Path | None, quick: bool = False, telegram: bool = False, reminders: bool = False) -> int:
    """Measure and print every figure; returns 0."""
    start = time.perf_counter()
    brain = load_brain(content)
    print(f"brain build in process (load + fit): {time.perf_counter() - start:.3f} s")

    messages = bench_messages()
    measure_latency(brain, messages, 200)  # warm caches before measuring
    samples = measure_latency(brain, messages, 1000 if quick else 5000)
    print(
        f"latency per message ({len(samples)} replies, {len(messages)} distinct): "
        f"p50 {percentile(samples, 50):.3f} ms, p99 {percentile(samples, 99):.3f} ms, "
        f"max {max(samples):.3f} ms  [target p99 <= 2 ms]"
    )
    batch = messages * (3 if quick else 10)
    start = time.perf_counter()
    for text in batch:
        brain.reply(Turn(text, "bench", DAY))
    rate = len(batch) / (time.perf_counter() - start)
    print(f"batch throughput: {rate:,.0f} messages/s over {len(batch)} messages  [target >= 2,000/s]")

    fit_seconds, fit_rss = measure_cold_start(content, 1, cache=False)
    print(
        f"first start after a content change (fits with scikit-learn, no cache): "
        f"{fit_seconds[0]:.3f} s, peak RSS {fit_rss[0]:.1f} MB"
    )
    measure_cold_start(content, 1)  # writes the cache if it is missing
    seconds, rss = measure_cold_start(content, 3 if quick else 7)
    print(
        f"cold start of `backcoach ask` (process start to first answer line, brain cache warm, {len(seconds)} runs): "
        f"median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s  [target <= 1.5 s]"
    )
    print(f"peak RSS of `backcoach ask`: median {statistics.median(rss):.1f} MB, max {max(rss):.1f} MB  [target <= 150 MB]")

    routine_ms = measure_routines(brain, 2 if quick else 14)
    print(
        f"routine build ({len(routine_ms)} routines): p50 {percentile(routine_ms, 50):.3f} ms, "
        f"p99 {percentile(routine_ms, 99):.3f} ms"
    )
    if telegram:
        from bot.adapters import telegram_bench

        telegram_bench.main([], content)  # the same content as the figures above
    if reminders:
        from bot import reminders_bench

        reminders_bench.main()
    return 0
