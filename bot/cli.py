"""The `backcoach` command: ask, chat, routine, check, eval, bench, serve.

Thin: it parses arguments, loads content and hands over to the adapters. Heavy modules
(scikit-learn, python-telegram-bot) are imported only by the subcommands that need them, so
`backcoach check` and `--help` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_USAGE = 2  # argparse's own status for bad arguments; also used for bad settings


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder holding knowledge/ and intents/ (default: the project's own)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    from bot import routine_cmd

    parser = argparse.ArgumentParser(
        prog="backcoach",
        description="BackCoach: a back-pain exercise coach that answers from a curated guide.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer one question, or JSON lines from stdin with --json")
    ask.add_argument("question", nargs="?", help="the question (omit with --json to read stdin)")
    ask.add_argument("--json", action="store_true", help="one JSON object per stdin line")
    _content_arg(ask)

    chat = sub.add_parser("chat", help="a conversation in the terminal (Ctrl-D or 'quit' ends it)")
    _content_arg(chat)

    check = sub.add_parser("check", help="validate knowledge/ and intents/; exit 1 on any error")
    _content_arg(check)

    evaluate = sub.add_parser("eval", help="accuracy on the tune and held-out evaluation sets")
    evaluate.add_argument("--cases", type=Path, default=None, metavar="DIR", help="folder with tune.yaml and heldout.yaml")
    evaluate.add_argument("--errors", action="store_true", help="list the misses of every part but heldout")
    evaluate.add_argument(
        "--part", action="append", default=None, metavar="NAME", help="evaluate only this part, e.g. dev (repeatable)"
    )
    _content_arg(evaluate)

    bench = sub.add_parser("bench", help="latency, throughput, cold start and memory figures")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions")
    bench.add_argument("--telegram", action="store_true", help="also benchmark the Telegram stack (fake server)")
    bench.add_argument("--reminders", action="store_true", help="also benchmark reminder storage and delivery")
    _content_arg(bench)

    serve = sub.add_parser("serve", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    _content_arg(serve)

    routine_cmd.add_parser(sub)
    _content_arg(sub.choices["routine"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `backcoach ask --json | head`: the reader left, nothing to report
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    from bot.brain.knowledge import ContentError

    if args.command == "check":
        from bot.adapters.console import run_check

        return run_check(args.content)
    try:
        if args.command == "serve":  # validates the content at start-up, like check
            from bot.adapters.console import run_serve

            return run_serve(args.content)
        if args.command == "bench":
            from bot.bench import run_bench

            return run_bench(args.content, quick=args.quick, telegram=args.telegram, reminders=args.reminders)
        from bot.content import load_brain

        brain = load_brain(args.content)
    except ContentError as exc:
        _print_content_errors(exc)
        return 1
    if args.command == "ask":
        from bot.adapters.console import run_ask

        return run_ask(brain, args.question, as_json=args.json)
    if args.command == "chat":
        from bot.adapters.console import run_chat

        return run_chat(brain)
    if args.command == "eval":
        from bot.evaluate import run_eval

        return run_eval(brain, args.cases, show_errors=args.errors, parts=args.part)
    if args.command == "routine":
        from bot import routine_cmd

        return routine_cmd.run(args, brain.knowledge)
    raise AssertionError(f"unhandled command {args.command}")  # argparse rejects the rest


def _print_content_errors(exc: Exception) -> None:
    errors = getattr(exc, "errors", [str(exc)])
    print(f"backcoach: the content has {len(errors)} problem(s):", file=sys.stderr)
    for line in errors:
        print(f"  {line}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
