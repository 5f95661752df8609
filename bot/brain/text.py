"""Text normalisation shared by triage, intents, entities and retrieval."""

from __future__ import annotations

import re
import unicodedata

# Telegram caps a message at 4,096 characters; anything longer (a pasted document, a
# terminal line) is cut there so every later stage has bounded work.
MAX_CHARS = 4096

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_NON_WORD = re.compile(r"[^a-z0-9'+:.,!?/-]+")
_SPACES = re.compile(r"\s+")
_PUNCT_RUN = re.compile(r"([.,!?])\1+")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(text: str) -> str:
    """Lowercase, strip accents, strip control characters and emoji, collapse spaces, cap length."""
    text = text[: MAX_CHARS * 2]
    if not text.isascii():  # most messages are ASCII: no accents to strip, no quotes to fold
        text = unicodedata.normalize("NFKD", text).translate(_QUOTES)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))  # café -> cafe
    text = text.lower()
    text = _NON_WORD.sub(" ", text)
    text = _PUNCT_RUN.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()[:MAX_CHARS]


def tokens(text: str) -> list[str]:
    """Word tokens of already-normalised text (apostrophes kept inside words: don't)."""
    return _TOKEN.findall(text)


def has_letters(text: str) -> bool:
    """True when the text has at least one letter of any script (emoji-only has none)."""
    return any(ch.isalpha() for ch in text)


def mostly_foreign(text: str) -> bool:
    """True when most letters are outside the Latin alphabet (a message BackCoach cannot read)."""
    if text.isascii():  # the common case, answered without looking at each character
        return False
    letters = [ch for ch in text[:MAX_CHARS] if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if unicodedata.normalize("NFKD", ch)[0].isascii())
    return latin < len(letters) / 2
