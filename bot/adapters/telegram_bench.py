"""Benchmark of the whole Telegram stack against the loopback fake Bot API server.

Measures replies per second (update pushed to sendMessage received, over all updates) and
the latency from the fake handing an update out in getUpdates to the bot's sendMessage
for it. Each update comes from a different private chat, because the one-message-per-second
pacing per chat would otherwise be all there is to measure. The fake server and the
harness that runs the bot against it are the end-to-end tests' own (``bot.testing``), so the
bench measures the stack those tests check; they ship in the package, so an installed
``backcoach`` can run it. Run: ``python -m bot.adapters.telegram_bench [n]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.adapters import telegram as adapter
from bot.bench import percentile
from bot.config import Settings
from bot.storage.sqlite import SqliteStore
from bot.testing.harness import running_application
from bot.testing.telegram_api import FakeTelegram

TOKEN = "123456:BENCH-not-a-real-token"
QUESTIONS = (
    "how do I do a superman?",
    "what muscles does the lat pulldown work?",
    "exercises for my lower back, I only have a band",
    "how often should I train my back?",
    "how should I warm up?",
    "give me a 10 minute routine",
    "what helps upper back pain?",
    "thanks!",
)
FIRST_CHAT = 500_000


def run(
    n: int = 300,
    telegram_limits: bool = False,
    arrival_rate: float | None = None,
    content_dir: Path | None = None,
) -> dict[str, float]:
    """Push ``n`` messages from ``n`` chats through the real stack; print and return figures.

    All at once (a burst: latency then includes queueing) or ``arrival_rate`` per second.
    With ``telegram_limits`` the production 30 messages/s cap applies, so the figure shows
    that cap rather than what the code can do.
    """
    from bot.content import load_brain

    brain = load_brain(content_dir)
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram(TOKEN) as fake:
        store = SqliteStore(Path(tmp) / "bench.db")
        settings = Settings(telegram_token=TOKEN, telegram_base_url=fake.base_url)
        # Production pacing and the real clock, not running_bot's shrunk test settings.
        application = adapter.build_application(
            settings, brain, store, overall_max_rate=30.0 if telegram_limits else 0.0
        )
        with running_application(application, timeout=30.0):
            warm = [FIRST_CHAT - 1 - i for i in range(10)]
            for i, chat in enumerate(warm):  # first turns pay for lazy imports and caches
                fake.user_says(chat, QUESTIONS[i % len(QUESTIONS)])
            fake.wait_for(lambda: all(fake.messages(c) for c in warm), 60, "warm-up replies")

            chats = [FIRST_CHAT + i for i in range(n)]
            started = time.monotonic()
            update_ids = {}
            for i, chat in enumerate(chats):
                if arrival_rate:
                    time.sleep(max(0.0, started + i / arrival_rate - time.monotonic()))
                update_ids[chat] = fake.user_says(chat, QUESTIONS[i % len(QUESTIONS)])
            wanted = set(chats)

            def all_answered() -> bool:
                answered = {r.params.get("chat_id") for r in fake.calls("sendMessage")}
                return wanted <= answered

            fake.wait_for(all_answered, timeout=max(60.0, n / 5), what=f"{n} replies")
            first_reply: dict[int, float] = {}
            for request in fake.calls("sendMessage"):
                chat_id = request.params.get("chat_id")
                if chat_id in wanted and chat_id not in first_reply:
                    first_reply[chat_id] = request.at
            elapsed = max(first_reply.values()) - started
            latencies = []
            for chat in chats:
                delivered = fake.delivered_at(update_ids[chat])
                assert delivered is not None
                latencies.append((first_reply[chat] - delivered) * 1000)
        store.close()
    figures = {
        "replies": float(n),
        "replies_per_second": n / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies),
    }
    limits = "with Telegram's 30/s cap" if telegram_limits else "stack only, no global cap"
    limits += f", arrivals {arrival_rate:g}/s" if arrival_rate else ", one burst"
    print(
        f"telegram bench ({limits}): {n} replies in {elapsed:.2f} s = "
        f"{figures['replies_per_second']:.1f} replies/s; update delivered -> sendMessage "
        f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, max {figures['max_ms']:.1f} ms"
    )
    return figures


def main(argv: list[str] | None = None, content_dir: Path | None = None) -> None:
    """Run the burst and the steady-arrival benchmarks: ``[n] [--limits]``, on ``content_dir``
    (a clinic's knowledge/ and intents/; None for the project's own)."""
    args = sys.argv[1:] if argv is None else argv
    count = next((int(a) for a in args if a.isdigit()), 300)
    limited = "--limits" in args
    run(count, telegram_limits=limited, content_dir=content_dir)
    run(count, telegram_limits=limited, arrival_rate=20.0, content_dir=content_dir)


if __name__ == "__main__":
    main()
