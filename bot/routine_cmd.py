"""`backcoach routine`: today's (or any day's) routine, or a 7-day plan, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TextIO, cast

from bot.brain.knowledge import Knowledge
from bot.brain.model import (
    EQUIPMENT,
    FOCUSES,
    LEVELS,
    Equipment,
    Focus,
    Level,
    RoutineOptions,
)
from bot.brain.routine import (
    MAX_MINUTES,
    MIN_MINUTES,
    ROUTINE_POSITIONS,
    build_routine,
    build_week,
    options_problems,
    render_routine,
    render_week,
    routine_to_json,
)

EXIT_USAGE = 2  # the status argparse uses for bad arguments


def _minutes(value: str) -> int:
    """argparse type: a whole number of minutes within the builder's range."""
    try:
        minutes = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a whole number; use {MIN_MINUTES} to {MAX_MINUTES}"
        ) from None
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise argparse.ArgumentTypeError(
            f"{minutes} is out of range; use {MIN_MINUTES} to {MAX_MINUTES}"
        )
    return minutes


def _day(value: str) -> date:
    """argparse type: an ISO date such as 2026-11-23."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-23"
        ) from None


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `routine` subcommand and its options."""
    parser = subparsers.add_parser(
        "routine",
        help="a daily back routine (or a 7-day plan) built from the knowledge base",
        description="Build a warm-up, 3-5 main exercises and a cool-down that fit the minutes"
        " given. Strength days are Monday, Wednesday and Friday.",
    )
    parser.add_argument("--level", choices=LEVELS, default="beginner", help="default: beginner")
    parser.add_argument("--focus", choices=FOCUSES, default="full", help="default: full")
    parser.add_argument("--equipment", choices=EQUIPMENT, default="none", help="default: none")
    parser.add_argument(
        "--minutes",
        type=_minutes,
        default=15,
        metavar="N",
        help=f"time available, {MIN_MINUTES}-{MAX_MINUTES} (default: 15)",
    )
    parser.add_argument(
        "--position",
        choices=ROUTINE_POSITIONS,
        default=None,
        help="only exercises done in this position, e.g. seated for a desk (default: any)",
    )
    parser.add_argument(
        "--date", type=_day, default=None, metavar="YYYY-MM-DD", help="default: today"
    )
    parser.add_argument("--week", action="store_true", help="the 7-day plan starting on the date")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run(
    args: argparse.Namespace,
    knowledge: Knowledge,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print the routine(s) for the parsed arguments; 2 (usage) when a setting is invalid."""
    out = out or sys.stdout
    err = err or sys.stderr
    options = RoutineOptions(
        level=cast(Level, args.level),
        focus=cast(Focus, args.focus),
        equipment=cast(Equipment, args.equipment),
        minutes=args.minutes,
        position=args.position,
    )
    problems = options_problems(options)
    if problems:  # argparse checks these too; this guards callers that build args by hand
        for problem in problems:
            print(f"backcoach routine: error: {problem}", file=err)
        return EXIT_USAGE
    day = args.date or date.today()  # the adapter reads the clock; the builder never does
    routines = build_week(options, day, knowledge) if args.week else (
        build_routine(options, day, knowledge),
    )
    if args.json:
        data = [routine_to_json(r) for r in routines]
        print(json.dumps(data if args.week else data[0], indent=2), file=out)
        return 0
    if args.week:
        text = render_week(routines, knowledge)
    else:
        text = render_routine(routines[0], knowledge)
    print(f"{text}\n\n{knowledge.texts['caveat']}", file=out)
    return 0
