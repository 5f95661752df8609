"""Entity extraction: which exercises, muscles and body areas a message names, typos included.

Two steps, both cheap enough for the per-message hot path:
1. spelling correction: a token that is not a known word is replaced by the closest word of
   the knowledge base's names and aliases (rapidfuzz ratio), so "supermn" becomes "superman";
2. longest-match lookup of 1-4 token phrases in the alias table ("glute bridge", "traps").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.brain.knowledge import Knowledge
from bot.brain.text import normalise, tokens

MIN_FUZZY_LEN = 4  # shorter tokens ("lat", "row") are too ambiguous to correct
MAX_CORRECTIONS = 400  # tokens corrected per message: bounds the cost of pasted essays


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity named in a message: knowledge id, its kind and where it starts (token index)."""

    id: str
    kind: str  # "exercise", "muscle" or "area"
    position: int
    length: int = 1  # tokens the name takes


def _key(phrase: str) -> str:
    return " ".join(tokens(normalise(phrase)))


class EntityMatcher:
    """Finds knowledge entities in normalised text; fit once from the knowledge base."""

    def __init__(self, min_score: float = 80.0) -> None:
        self.min_score = min_score  # rapidfuzz ratio (0-100) needed to correct a typo

    def fit(
        self, knowledge: Knowledge, known_words: Iterable[str], english: frozenset[str] = frozenset()
    ) -> EntityMatcher:
        """Learn the alias table and the vocabulary.

        Words of ``known_words`` (texts, tokenised here) and of ``english`` (single lowercase
        words) are never 'corrected': "later" stays "later" though it is close to "water".
        """
        self.aliases_: dict[str, tuple[str, str]] = {}
        entries = [
            *(("exercise", x.id, (x.name, *x.aliases)) for x in knowledge.exercises.values()),
            *(("muscle", m.id, (m.name, *m.aliases)) for m in knowledge.muscles.values()),
            *(("area", a.id, (a.name, *a.aliases)) for a in knowledge.areas.values()),
        ]
        for kind, entry_id, names in entries:
            for name in names:
                key = _key(name)
                if key:
                    self.aliases_.setdefault(key, (kind, entry_id))
        # Second pass, never overriding a real alias: the same names without spaces
        # ("pullapart") and in the other number ("glute" for "glutes", "planks" for "plank").
        for key, hit in list(self.aliases_.items()):
            other = key[:-1] if key.endswith("s") and len(key) > 4 else key + "s"
            for variant in (key.replace(" ", ""), other):
                self.aliases_.setdefault(variant, hit)
        # first words of multi-word aliases, and every prefix of a spaceless alias
        # ("pull" of "pullapart" is not one, but "pull apart" starts with "pull")
        self.starts_ = frozenset(key.split()[0] for key in self.aliases_ if " " in key) | frozenset(
            key[:n] for key in self.aliases_ if " " not in key for n in range(1, len(key))
        )
        # the longest alias in words: "upper part of my back" is five, and a fixed limit
        # would leave every longer alias a content author writes silently unmatched
        self.max_phrase_ = max((key.count(" ") + 1 for key in self.aliases_), default=1)
        self.vocabulary_ = sorted({w for key in self.aliases_ for w in key.split()})
        self.known_ = set(self.vocabulary_)
        for word in {w for text in known_words for w in tokens(normalise(text))}:
            # a word of the examples is known unless it is a slip of a name ("plnak" in "plnak
            # how"): protecting that one would keep every user who types it from the plank
            if not self._slip_of_a_name(word, english):
                self.known_.add(word)
        self.english_ = english  # kept apart: copying ~70,000 words into known_ costs start-up time
        self.cache_: dict[str, str] = {}
        return self

    def _slip_of_a_name(self, word: str, english: frozenset[str]) -> bool:
        """Whether a word is a misspelling of a name word rather than a word of its own."""
        if word in self.aliases_ or word in english or len(word) < MIN_FUZZY_LEN or not word.isalpha():
            return False
        match = process.extractOne(word, self.vocabulary_, scorer=fuzz.ratio, score_cutoff=self.min_score)
        # a slip keeps the first letter; "europe" is not a slip of "rope"
        return match is not None and match[0] != word and match[0][0] == word[0]

    def correct_token(self, token: str) -> str:
        """The token itself when known, else the closest name word at min_score or better."""
        if token in self.known_ or len(token) < MIN_FUZZY_LEN or not token.isalpha() or token in self.english_:
            return token
        cached = self.cache_.get(token)
        if cached is None:
            match = process.extractOne(
                token, self.vocabulary_, scorer=fuzz.ratio, score_cutoff=self.min_score
            )
            cached = match[0] if match else token
            if len(self.cache_) < 50_000:  # bounded: a hostile stream can't grow it forever
                self.cache_[token] = cached
        return cached

    def correct(self, text: str) -> list[str]:
        """Tokens of normalised text with typos of knowledge names corrected."""
        # "lower back's been sore": the possessive or "is" contraction is not part of the name
        words = [w.removesuffix("'s") for w in tokens(text)]
        head = [self.correct_token(w) for w in words[:MAX_CORRECTIONS]]
        return head + words[MAX_CORRECTIONS:]

    def find(self, words: list[str]) -> list[Mention]:
        """Entities named in (corrected) tokens, longest phrase first, in message order."""
        mentions: list[Mention] = []
        starts = self.starts_
        i = 0
        while i < len(words):
            # Only a word that begins some alias can begin a longer phrase: most words don't.
            longest = min(self.max_phrase_, len(words) - i) if words[i] in starts else 1
            for n in range(longest, 0, -1):
                hit = self.aliases_.get(" ".join(words[i : i + n]))
                if hit is None and n > 1:
                    hit = self.aliases_.get("".join(words[i : i + n]))
                if hit is not None:
                    mentions.append(Mention(id=hit[1], kind=hit[0], position=i, length=n))
                    i += n
                    break
            else:
                i += 1
        return mentions


def delexicalise(words: list[str], mentions: Iterable[Mention], kinds: frozenset[str]) -> str:
    """The message with each named entity of ``kinds`` replaced by a word for its kind.

    "what works the latissimus dorsi" and "what works the rear delts" become the same
    question, so the intent is read from how it is asked, not from which name it uses.
    """
    out = list(words)
    for m in sorted(mentions, key=lambda m: -m.position):
        if m.kind in kinds:
            out[m.position : m.position + m.length] = [PLACEHOLDER[m.kind]]
    return " ".join(out)


PLACEHOLDER = {"exercise": "xxexercise", "muscle": "xxmuscle", "area": "xxarea"}
