"""Terminal adapters: `ask` (one question or JSON lines), `chat` (a REPL), `check`, `serve`."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.brain.brain import Brain
from bot.brain.model import ListReminders, Reply, Turn

QUIT_WORDS = frozenset({"quit", "exit", "bye", "/quit", "/exit"})


def _turn(text: str, user_id: str = "console") -> Turn:
    return Turn(text=text, user_id=user_id, today=date.today())


def reply_json(reply: Reply) -> str:
    """The batch interface's one JSON object: text, intent, sources, confidence."""
    return json.dumps(
        {
            "text": reply.text,
            "intent": reply.intent,
            "sources": list(reply.sources),
            "confidence": round(reply.confidence, 4),
        },
        ensure_ascii=False,
    )


def run_ask(brain: Brain, question: str | None, as_json: bool, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Answer one question, or every stdin line independently (one JSON object per line)."""
    out = stdout or sys.stdout
    if question is not None:
        reply = brain.reply(_turn(question))
        print(reply_json(reply) if as_json else reply.text, file=out)
        return 0
    if not as_json:
        print('backcoach ask: give a QUESTION, or use --json to read questions from stdin', file=sys.stderr)
        return 2
    # Bytes in, decoded leniently: invalid UTF-8 on stdin must not stop the batch.
    source = stdin.buffer if stdin is not None and hasattr(stdin, "buffer") else sys.stdin.buffer
    for raw in source:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        print(reply_json(brain.reply(_turn(line, user_id="batch"))), file=out, flush=False)
    out.flush()
    return 0


def run_chat(brain: Brain) -> int:
    """A terminal conversation: suggestions can be picked by number; Ctrl-D or 'quit' ends it."""
    print("BackCoach. Ask about back exercises; 'help' shows what I can do, 'quit' ends.\n")
    offered: tuple[str, ...] = ()
    while True:
        try:
            text = input("you> ")
        except EOFError:
            print()
            return 0
        if text.strip().lower() in QUIT_WORDS:
            return 0
        turn = _turn(text)
        choice = text.strip()
        if offered and choice.isdigit() and 1 <= int(choice) <= len(offered):
            reply = brain.describe(offered[int(choice) - 1], turn)
        else:
            reply = brain.reply(turn)
        text = reply.text
        if any(isinstance(action, ListReminders) for action in reply.actions):
            text = "The terminal chat keeps no reminders: the Telegram bot sets, lists and sends them."
        print(f"\nbackcoach> {text}\n")
        if reply.actions:
            print("(Reminders and time zones are kept by the Telegram bot: the terminal chat stores nothing.)\n")
        offered = reply.suggestions
        if offered:
            print("(type a number to pick: " + ", ".join(
                f"{i} = {brain.knowledge.entry_name(k)}" for i, k in enumerate(offered, 1)) + ")\n")


def run_check(content_dir: Path | None) -> int:
    """Validate the content folder; print every problem; exit status 1 if there is any."""
    from bot.brain.knowledge import ContentError
    from bot.content import load_content

    try:
        content = load_content(content_dir)
    except ContentError as exc:
        print(f"backcoach check: {len(exc.errors)} problem(s):", file=sys.stderr)
        for line in exc.errors:
            print(f"  {line}", file=sys.stderr)
        return 1
    k = content.knowledge
    n_examples = sum(len(i.examples) for i in content.intents)
    print(
        f"OK: {len(k.exercises)} exercises and activities, {len(k.muscles)} muscles, "
        f"{len(k.topics)} FAQ and guidance topics, {len(k.areas)} areas; "
        f"{len(content.intents)} intents with {n_examples} examples ({content.root})"
    )
    return 0


def run_serve(content_dir: Path | None) -> int:
    """Run the Telegram bot with settings from the environment and .env."""
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env(os.environ, Path(".env"))
    except ConfigError as exc:
        print(f"backcoach serve: {exc}", file=sys.stderr)
        return 2
    from bot.adapters.telegram import serve

    return serve(settings, content_dir)
