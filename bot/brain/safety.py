"""Red-flag triage and the medical-scope guard: the first check every message meets.

The rules live in ``knowledge/safety.yaml`` so a physiotherapist can edit them; this module
validates them (``parse_safety``) and applies them (``triage``, ``medical_request``).

Matching works on words, never on the raw string: the text is lower-cased, apostrophes are
dropped ("can't" -> "cant") and it is split into words and clause breaks. Each distinct word
is mapped once, and memoised, to the pattern words it stands for: exactly, by prefix
("numb*") or, for the words listed as `typo_words`, as a likely typo (rapidfuzz OSA distance,
same first letter, never a real word listed in `not_typos`). Only
the few positions holding such words are then examined, so a long message costs little more
than splitting it. A pattern matches when its words appear in order (side by side, or with a
bounded ``...`` gap) inside one clause, and no negator ("no", "don't") precedes it in that
clause. A flag with ``context`` also needs one of its context patterns somewhere in the
message. A match can then be set aside by a ``discounts`` rule: the sign asked about in the
abstract, told as over, someone else's, or with its harmless cause stated. The pattern language
is described at the top of ``knowledge/safety.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Literal, get_args

from rapidfuzz.distance import OSA

from bot.brain.model import Tier

MedicalCategory = Literal["medication", "scan", "diagnosis", "products"]
MEDICAL_CATEGORIES: tuple[str, ...] = get_args(MedicalCategory)
TIERS: tuple[str, ...] = get_args(Tier)

# Telegram caps a message at 4,096 characters; reading up to 20,000 covers any real message
# (and pasted text) several times over while bounding the work on absurd input.
MAX_CHARS = 20_000
MIN_FUZZY_LENGTH = 6  # shorter words have too many real neighbours ("fever"/"fewer")
LONG_WORD = 10  # from this length two typos are tolerated
GAP = "..."
WORD_CHARS = re.compile(r"^[a-z0-9]+$")
FLAG_ID = re.compile(r"^[a-z]+(?:_[a-z]+)*\.[a-z0-9_]+$")

CACHE_WORDS = 50_000
MAX_STARTS = 200
MIN_MARKER = 4  # shorter words are too often shared ("no", "mal", "pas", "dos")
AFTER_WINDOW = 3  # words a negator that follows its sign ("bukhar to nahi") may come after it
MAX_CLAUSE = 40  # words a discount looks back for the subject of a sign
# Words for the writer. A sign whose nearest subject before it is one of these is the
# writer's own ("my sister says I had a fever"); "my" is left out, since "my sister" is not.
_WRITER_WORDS = frozenset({"i", "im", "ive", "id", "ill", "me", "myself"})
# ... and a question that uses any of these (now with "my") asks about the writer's own body.
_SELF_WORDS = _WRITER_WORDS | {"my", "mine"}
# Words for a third person. A question that names who said something ("my friend says ...")
# is only abstract while nobody in it is the sufferer: "my mum says she has a fever" is hers.
# Words that open a sentence going on about the one before ("That's all long gone now", "It went
# away once I stood up"): what a discount looks for after a sign may be told there.
_FOLLOW_ON = frozenset(
    {"that", "thats", "it", "its", "this", "which", "all", "but", "though", "gone", "happened", "luckily", "thankfully", "fortunately"}
)
_THIRD_PERSON = frozenset({"he", "hes", "she", "shes", "his", "her", "hers", "him", "they", "theyre", "their", "them"})
_BREAK_MARKS = ".!?;,"
_SENTENCE_ENDS = frozenset(".!?;")
# One translate pass does most of the tokenising (far faster than a regex on long text):
# apostrophes vanish ("can't" -> "cant"), a new line ends a sentence like ";", break marks
# stay, and every other ASCII symbol becomes a space; split() then handles all whitespace.
_TABLE: dict[int, str | None] = {
    c: " " for c in range(128) if not chr(c).isalnum() and chr(c) not in _BREAK_MARKS
}
_TABLE.update({ord("'"): None, ord("`"): None, ord("\n"): ";", ord("\r"): ";"})
_TRANSLATE = str.maketrans(_TABLE)  # ASCII only: translate() is fast on ASCII text
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_DIGIT_LETTER = re.compile(r"([0-9])([a-z])")
# a decimal point is no sentence end: "38.9" is read "38 point 9", as it is said aloud
_DECIMAL = re.compile(r"([0-9])\.([0-9])")
_WITHOUT = re.compile(r"\bw/o\b")
# Latin letters that NFKD does not take apart, read as the ASCII letters people type for
# them on a phone without that keyboard ("dłoń" -> "dlon", "ağrı" -> "agri", "Füße" -> "fusse")
_FOLD = str.maketrans({"ł": "l", "ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th"})


def words(text: str) -> list[str]:
    """Lower-cased words and break marks (. ! ? ; ,) of a message, new lines read as ';',
    "+" as "plus", "&" as "and", "w/o" as "without" and a decimal point as "point"; accents
    are stripped and letters such as "ł" folded to ASCII."""
    lowered = text[:MAX_CHARS].lower()
    if not lowered.isascii():
        for curly in ("\u2019", "\u2018"):  # typographic apostrophes: "don’t" is "dont"
            lowered = lowered.replace(curly, "")
        # accents go ("pipí" -> "pipi", "kämpfen" -> "kampfen"), so patterns are plain ASCII
        lowered = unicodedata.normalize("NFKD", lowered.replace("\u2026", ".").translate(_FOLD))
        lowered = _NON_ASCII.sub(" ", "".join(ch for ch in lowered if not unicodedata.combining(ch)))
    if "+" in lowered or "&" in lowered or "w/" in lowered:
        # terse notes join symptoms with symbols ("chest + back pain", "weight loss w/o
        # trying"): read them as the words they stand for, which the patterns know
        lowered = _WITHOUT.sub(" without ", lowered).replace("+", " plus ").replace("&", " and ")
    lowered = lowered.translate(_TRANSLATE)
    if "can not" in lowered:
        lowered = lowered.replace("can not", "cant")
    if any(digit in lowered for digit in "0123456789"):  # faster than a regex scan
        lowered = _DIGIT_LETTER.sub(r"\1 \2", lowered)  # "8kg" -> "8 kg", "400mg" -> "400 mg"
        lowered = _DECIMAL.sub(r"\1 point \2", lowered)
    for mark in _BREAK_MARKS:
        if mark in lowered:
            lowered = lowered.replace(mark, f" {mark} ")
    return lowered.split()


# The English rules and each other language's read the same split message: split it once.
_words = lru_cache(maxsize=4)(words)


@dataclass(frozen=True, slots=True)
class Triage:
    """Outcome of red-flag triage: the tier (None when nothing was found), the flag ids, the advice."""

    tier: Tier | None
    flags: tuple[str, ...] = ()
    advice: str = ""  # the tier's reply text from safety.yaml; empty when no flag was raised
    # flags whose every match a discount set aside ("fever last week, long gone"): the rules
    # read the sign and judged it no warning, which a second opinion may want to know
    discounted: tuple[str, ...] = ()
    # The id of the language in knowledge/safety_languages.yaml ("es") whose own patterns
    # raised a flag; the advice then starts with that language's line for the tier, a blank
    # line, and the English advice. None when only the English rules raised the flags.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """One red flag: a stable id, a human label, its tier and the phrases that raise it."""

    id: str
    label: str
    tier: Tier
    patterns: tuple[str, ...]
    # When set, the flag is raised only if one of these also matches anywhere in the message,
    # in any sentence: "I have osteoporosis. Yesterday I slipped." is a fall with fragile bones.
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Discount:
    """When a flag's match is no warning sign: told as over, hypothetical, someone else's, or
    with its harmless cause. Every condition given must hold for the match to be discounted."""

    id: str
    flags: tuple[str, ...]  # the flag ids it may discount
    # one matches later in the sign's sentence: "fell last year, all healed" (not "fracture
    # years ago, fell again yesterday", where the time belongs to another event)
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()  # one is the nearest subject before the sign, in its clause
    question: bool = False  # the sign's sentence is a question that says nothing of the writer
    # with `question`: who said what is asked about ("my friend says"); their "my" is not the writer
    sources: tuple[str, ...] = ()
    anywhere: tuple[str, ...] = ()  # one matches somewhere in the message
    unless: tuple[str, ...] = ()  # none may match anywhere in the message


@dataclass(frozen=True, slots=True)
class Language:
    """One language of knowledge/safety_languages.yaml: the red flags of safety.yaml (same ids
    and tiers) as that language phrases them, and its one-line advice per tier."""

    id: str  # "es", "pt", "hi_latn"
    name: str
    advice: Mapping[str, str]  # tier -> the line that opens the advice, in the language
    flags: tuple[Flag, ...]
    # everyday words of the language ("estou", "ontem"): when two languages' patterns raise a
    # flag in one message (Spanish and Portuguese share many words), they tell which it is in
    common_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class MedicalTopic:
    """A kind of request BackCoach must refuse, the phrases that reveal it, and the polite reply."""

    category: str  # one of MEDICAL_CATEGORIES
    reply: str
    patterns: tuple[str, ...]


Term = frozenset[str]  # the pattern words ("groin", "numb*") one message word may stand for


@dataclass(frozen=True, slots=True)
class _Part:
    """A gap-aware word sequence: terms, whether a `...` gap precedes each, and its anchor."""

    terms: tuple[Term, ...]
    gaps: tuple[bool, ...]  # gaps[i]: up to max_gap words may come before terms[i]
    anchor: int  # index of the rarest-looking term: matching starts there, then grows both ways

    @staticmethod
    def of(terms: Sequence[Term], gaps: Sequence[bool]) -> _Part:
        """A part anchored on the term whose shortest word is longest (long words are rare)."""
        anchor = max(range(len(terms)), key=lambda i: min(len(w) for w in terms[i]))
        return _Part(tuple(terms), tuple(gaps), anchor)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A pattern ready to match: one part, or several (" + ") that share a sentence."""

    parts: tuple[_Part, ...]


# Words nearly every message to a back coach contains: a pattern indexed on one of them is a
# candidate for almost every message, and checking a candidate is most of triage's cost.
_EVERYDAY = frozenset(
    ["back", "pain", "ache", "aches", "hurt", "hurts", "sore", "lower", "upper", "exercise", "exercises"]
    + ["my", "i", "me", "im", "is", "it", "its", "a", "an", "the", "to", "and", "of", "for", "in", "on", "at"]
    + ["what", "whats", "can", "could", "do", "does", "should", "how", "with", "have", "has", "had", "be"]
    + ["been", "this", "that", "am", "are", "was", "were", "will", "would", "any", "some"]
)


def _index_term(compiled: _Compiled, everyday: frozenset[str] = _EVERYDAY) -> Term:
    """The term a message must contain for the pattern to match that is least likely to be in
    any message: every term of every part is required, so any one of them can index it.
    Terms with an ``everyday`` word are the last choice."""
    terms = [term for part in compiled.parts for term in part.terms]
    return min(terms, key=lambda t: (sum(w in everyday for w in t) > 0, -min(len(w) for w in t)))


@dataclass(frozen=True, eq=False)
class SafetyRules:
    """Validated safety.yaml: red flags by tier with their advice, and the medical-scope guard."""

    flags: tuple[Flag, ...]
    advice: Mapping[str, str]  # tier -> reply text
    medical: tuple[MedicalTopic, ...]
    source: str
    _engine: _Engine = field(repr=False)
    discounts: tuple[Discount, ...] = ()
    languages: tuple[Language, ...] = ()  # from knowledge/safety_languages.yaml, when given
    _foreign: _Foreign | None = field(default=None, repr=False)

    @property
    def shorthand(self) -> Mapping[str, str]:
        """Texting shorthand and dropped g's, each with the English word it stands for."""
        return self._engine.shorthand

    def label(self, flag_id: str) -> str:
        """The human label of a flag id (the id itself when unknown)."""
        return next((f.label for f in self.flags if f.id == flag_id), flag_id)

    def medical_reply(self, category: str) -> str:
        """The refusal text for a medical category returned by ``medical_request``."""
        return next(m.reply for m in self.medical if m.category == category)


def triage(text: str, rules: SafetyRules) -> Triage:
    """Red flags raised by a message; emergency beats urgent, and advice is that tier's text.

    The English rules and those of every other language whose pattern words the message holds
    are applied; a sign another language's rules read as denied ("sin fiebre", "bukhar nahi")
    is not raised by an English pattern on the same words either."""
    foreign = rules._foreign.read(text) if rules._foreign is not None else None
    scan = rules._engine.scan(text)
    found: list[Flag] = []
    discounted: list[str] = []
    if scan is not None:
        found, discounted = _raised(rules._engine, scan, foreign.denied if foreign else frozenset())
    language: Language | None = None
    if foreign is not None:
        discounted += [d for d in foreign.discounted if d not in discounted]
    if foreign is not None and foreign.found:
        language = foreign.language
        known = {f.id for f in found}
        found += [f for f in foreign.found if f.id not in known]
        order = {f.id: i for i, f in enumerate(rules.flags)}
        found.sort(key=lambda f: order[f.id])
        discounted = [d for d in discounted if d not in {f.id for f in found}]
    if not found:
        return Triage(None, discounted=tuple(discounted))
    tier: Tier = "emergency" if any(f.tier == "emergency" for f in found) else "urgent"
    advice = rules.advice[tier]
    if language is not None:
        advice = f"{language.advice[tier]}\n\n{advice}"
    return Triage(
        tier, tuple(f.id for f in found), advice, tuple(discounted), language.id if language else None
    )


def _raised(engine: _Engine, scan: _Scan, denied: frozenset[int] = frozenset()) -> tuple[list[Flag], list[str]]:
    """The flags of an engine a scanned message raises, and those its discounts set aside.
    A match starting at a ``denied`` position does not count."""

    def counts(flag_id: str) -> Callable[[int], bool]:
        if denied:
            return lambda start: start not in denied and not scan.discounted(flag_id, start)
        return lambda start: not scan.discounted(flag_id, start)

    allowed = (lambda start: start not in denied) if denied else None
    found: list[Flag] = []
    discounted: list[str] = []
    discounts = engine.discounts
    for flag, patterns, context in engine.flags:
        if flag.context and not scan.matches_any(context):
            continue
        if not scan.matches_any(patterns, keep=allowed):
            continue  # the common case: one look, whatever discounts the flag has
        if flag.id not in discounts or scan.matches_any(patterns, keep=counts(flag.id)):
            found.append(flag)
        else:
            discounted.append(flag.id)
    return found, discounted


@dataclass(frozen=True, slots=True)
class _ForeignRead:
    """What the other languages' rules read in a message."""

    language: Language | None  # of those that raised a flag, the one with the most marker words
    found: tuple[Flag, ...]  # that language's raised flags
    # positions inside a sign a language's negator denies or its discount sets aside: the
    # English patterns do not raise a flag there ("sin fiebre" has safety.yaml's "fiebre")
    denied: frozenset[int]
    discounted: tuple[str, ...] = ()  # flags a language's discounts set aside


class _Foreign:
    """The other languages' rules: one engine each, and a memo from a message word to the
    languages it marks, so that an English message costs one set difference.

    A language's rules only read a message holding one of its marker words: a word of 4+
    letters that its flag patterns or its own groups spell out (not one they borrow through a
    group of safety.yaml) and that is no English word: "fievre" and "bukhar", not "cancer",
    "temperature" or "perineal". Patterns made only of words English shares ("a ... cancer",
    "incontinence", "$numb ... $groin") so never fire on an English message."""

    def __init__(
        self, languages: Sequence[tuple[Language, _Engine, frozenset[str]]], english: frozenset[str]
    ) -> None:
        self.languages = tuple((language, engine) for language, engine, _ in languages)
        self.english = english
        self.markers = tuple(
            frozenset(w for w in words if len(w.rstrip("*")) >= MIN_MARKER and w not in english)
            for _, _, words in languages
        )
        self.gate: dict[str, tuple[int, ...]] = {}  # word -> the languages it marks
        self.misses: set[str] = set()  # words that mark no language
        self.read: Callable[[str], _ForeignRead | None] = lru_cache(maxsize=4)(self._read)

    def _languages_of(self, token: str) -> tuple[int, ...]:
        if len(token) < MIN_MARKER or token in self.english:
            return ()
        return tuple(
            i for i, (_, engine) in enumerate(self.languages)
            if not engine.keys(token).isdisjoint(self.markers[i])
        )

    def _read(self, text: str) -> _ForeignRead | None:
        tokens = _words(text)
        unknown = set(tokens) - self.misses  # in C: an English message leaves almost nothing
        if not unknown:
            return None
        if len(self.gate) + len(self.misses) > CACHE_WORDS:
            self.gate.clear()
            self.misses.clear()
        chosen: Counter[int] = Counter()  # language -> how many of its marker words the message has
        for token in unknown:
            found = self.gate.get(token)
            if found is None:
                found = self._languages_of(token)
                if found:
                    self.gate[token] = found
                else:
                    self.misses.add(token)
            chosen.update(found)
        if not chosen:
            return None
        best: tuple[tuple[int, int, int], Language, list[Flag]] | None = None
        denied: set[int] = set()
        discounted: list[str] = []
        for i in sorted(chosen):
            language, engine = self.languages[i]
            scan = engine.scan_words(tokens)
            if scan is None:
                continue
            denied |= scan.denied_positions()  # for the English patterns only
            found, set_aside = _raised(engine, scan)
            discounted += set_aside
            if found:  # the message's language: the most of its own words, then the most flags
                own = chosen[i] + sum(t in language.common_words for t in set(tokens))
                rank = (own, len(found), -i)
                if best is None or rank > best[0]:
                    best = (rank, language, found)
        if best is None:
            return _ForeignRead(None, (), frozenset(denied), tuple(discounted)) if denied or discounted else None
        return _ForeignRead(best[1], tuple(best[2]), frozenset(denied), tuple(discounted))


def medical_request(text: str, rules: SafetyRules) -> str | None:
    """The medical category a message asks about ("medication", "scan", "diagnosis", "products"), or None."""
    scan = rules._engine.scan(text)
    if scan is None:
        return None
    for topic, patterns in rules._engine.medical:
        if scan.matches_any(patterns):
            return topic.category
    return None


# --- matching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DiscountRule:
    """A Discount with its patterns registered in the engine (empty ranges for unset ones)."""

    after: range
    before: range
    question: bool
    sources: range
    anywhere: range
    unless: range


@dataclass(frozen=True, slots=True)
class _Negation:
    """Clause-scoped negation settings."""

    negators: frozenset[str]
    pseudo: tuple[tuple[str, ...], ...]  # phrases that start with a negator but negate nothing
    breaks: frozenset[str]  # words that end a clause on their own ("but")
    new_clause: frozenset[str]  # after a comma or "and", these words start a new clause
    window: int
    # Negators that follow what they deny, within AFTER_WINDOW words of its end and the same
    # clause: Hindi "bukhar nahi hai", Turkish "ateşim yok". None in English.
    after: frozenset[str] = frozenset()
    # the words that, followed by a `new_clause` word, end a clause ("and my ...")
    joiners: frozenset[str] = frozenset({",", "and", "or"})
    comma_breaks: bool = False  # every comma ends a clause (the other languages' rules)


class _Engine:
    """Compiled rules, an index from pattern words to patterns, and the memoised word mapping."""

    def __init__(
        self,
        flags: Sequence[tuple[Flag, tuple[_Compiled, ...], tuple[_Compiled, ...]]],
        medical: Sequence[tuple[MedicalTopic, tuple[_Compiled, ...]]],
        ignore: Sequence[_Compiled],
        negation: _Negation,
        max_gap: int,
        typo_words: frozenset[str],
        not_typos: frozenset[str],
        discounts: Sequence[tuple[Discount, Mapping[str, Sequence[_Compiled]]]] = (),
        everyday: frozenset[str] = _EVERYDAY,
        shorthand: Mapping[str, str] | None = None,
    ) -> None:
        self.shorthand: Mapping[str, str] = shorthand or {}  # "bak" -> "back", "backpain" -> "back pain"
        self._shorthand_words = {typed: tuple(meant.split()) for typed, meant in self.shorthand.items()}
        self.patterns: list[_Compiled] = []
        self.flags = tuple(
            (flag, self._register(cs), self._register(context)) for flag, cs, context in flags
        )
        self.medical = tuple((topic, self._register(cs)) for topic, cs in medical)
        self.ignore = self._register(ignore)
        self.discounts: dict[str, list[_DiscountRule]] = {}  # flag id -> rules that may discount it
        for discount, by_key in discounts:
            rule = _DiscountRule(
                after=self._register(by_key.get("after", ())),
                before=self._register(by_key.get("before", ())),
                question=discount.question,
                sources=self._register(by_key.get("sources", ())),
                anywhere=self._register(by_key.get("anywhere", ())),
                unless=self._register(by_key.get("unless", ())),
            )
            for flag_id in discount.flags:
                self.discounts.setdefault(flag_id, []).append(rule)
        self.negation = negation
        self.pseudo_by_first: dict[str, list[list[str]]] = {}
        for phrase in negation.pseudo:
            self.pseudo_by_first.setdefault(phrase[0], []).append(list(phrase))
        self.max_gap = max_gap
        # A pattern can only match where the anchor term of its first part occurs, so each
        # message only looks at the patterns anchored on words it contains, and only there.
        self.anchored: dict[str, list[int]] = {}
        vocabulary: set[str] = set()
        for index, compiled in enumerate(self.patterns):
            for part in compiled.parts:
                for term in part.terms:
                    vocabulary.update(term)
            for key in _index_term(compiled, everyday):
                self.anchored.setdefault(key, []).append(index)
        self.anchor_words = frozenset(
            w for c in self.patterns for part in c.parts for w in part.terms[part.anchor]
        )
        self.exact = frozenset(w for w in vocabulary if not w.endswith("*"))
        prefixes = sorted(w[:-1] for w in vocabulary if w.endswith("*"))
        self.prefix_index: dict[str, list[str]] = {}
        for p in prefixes:
            self.prefix_index.setdefault(p[:3], []).append(p)
        # Words that are never read as typos: real words the rules already know.
        self.known = self.exact | negation.negators | negation.breaks | negation.new_clause
        self.known |= not_typos
        # Typo candidates, bucketed by (first letter, length of the typed word, a letter that
        # one edit after the first letter leaves at position 1 or 2): one or two dictionary
        # look-ups find the few words worth an OSA distance for any typed word.
        self.fuzzy: dict[tuple[str, int, str], list[tuple[str, str, int]]] = {}
        for w in typo_words:
            if not w.endswith("*"):
                limit = 2 if len(w) >= LONG_WORD else 1
                for length in range(len(w) - limit, len(w) + limit + 1):
                    self._bucket(w, length, (w, w, limit))
        for p in (w[:-1] for w in typo_words if w.endswith("*")):
            for length in range(len(p) - 1, len(p) + 40):  # any longer typed word
                self._bucket(p, length, (p, p + "*", 1))
        # Memo of word -> pattern words. Ordinary language repeats a small vocabulary, so this
        # soon answers nearly every word; it is emptied if it ever grows past CACHE_WORDS.
        self.cache: dict[str, frozenset[str]] = {}
        # Triage and the medical guard read the same message: split it once.
        self.scan: Callable[[str], _Scan | None] = lru_cache(maxsize=4)(self._scan)

    def _bucket(self, word: str, length: int, entry: tuple[str, str, int]) -> None:
        for letter in {word[1], word[2]}:
            self.fuzzy.setdefault((word[0], length, letter), []).append(entry)

    def _register(self, compiled: Sequence[_Compiled]) -> range:
        """Add patterns; their indices are one contiguous range (membership tests are O(1))."""
        start = len(self.patterns)
        self.patterns.extend(compiled)
        return range(start, len(self.patterns))

    def keys(self, token: str) -> frozenset[str]:
        """The pattern words a message word stands for: exact, prefix, or a likely typo."""
        found: set[str] = set()
        if token in self.exact:
            found.add(token)
        for p in self.prefix_index.get(token[:3], ()):
            if token.startswith(p):
                found.add(p + "*")
        n = len(token)
        if found or token in self.known or n < MIN_FUZZY_LENGTH - 1 or not token.isalpha():
            return frozenset(found)
        seen: set[str] = set()
        for letter in {token[1], token[2]}:
            for target, key, limit in self.fuzzy.get((token[0], n, letter), ()):
                if key in seen:
                    continue
                seen.add(key)
                if key == target:  # a whole word
                    if OSA.distance(token, target, score_cutoff=limit) <= limit:
                        found.add(key)
                else:  # a prefix: compare the typed word's start, allowing one edit
                    size = len(target)
                    if any(
                        OSA.distance(token[:cut], target, score_cutoff=1) <= 1
                        for cut in (size - 1, size, size + 1)
                    ):
                        found.add(key)
        return frozenset(found)

    def _scan(self, text: str) -> _Scan | None:
        """Split a message into words and find where pattern words are; None when there are none.
        Texting shorthand is read as the word it stands for ("cnt feel ma legz" has "my")."""
        tokens = _words(text)
        shorthand = self._shorthand_words
        if any(t in shorthand for t in tokens):
            tokens = [word for t in tokens for word in shorthand.get(t, (t,))]
        return self.scan_words(tokens)

    def scan_words(self, tokens: list[str]) -> _Scan | None:
        """Find where pattern words are in a message already split by ``words``; None when none."""
        cache = self.cache
        # A local copy, so a concurrent clear() of the shared memo cannot lose a word.
        found = {t: cache.get(t) for t in set(tokens)}
        missing = [t for t, k in found.items() if k is None]
        if len(cache) + len(missing) > CACHE_WORDS:
            cache.clear()
        for token in missing:
            found[token] = cache[token] = self.keys(token)
        hits = {t: k for t, k in found.items() if k}
        if not hits:
            return None
        scan = _Scan(self, tokens, hits)
        ignore = self.ignore
        for index in sorted(i for i in scan.candidates if i in ignore):  # a range: O(1) membership
            for start, end in scan.spans(self.patterns[index].parts[0]):
                scan.masked.update(range(start, end))
        return scan


class _Scan:
    """One message split into words, with where the anchor words of patterns occur."""

    def __init__(self, engine: _Engine, tokens: list[str], hits: dict[str, frozenset[str]]) -> None:
        self.engine = engine
        self.tokens = tokens
        self.hits = hits  # distinct word -> pattern words it stands for (non-empty only)
        self.masked: set[int] = set()  # positions inside an `ignore` phrase
        self._where: dict[str, list[int]] | None = None
        self.present: set[str] = set().union(*hits.values())
        anchored = engine.anchored
        candidates: set[int] = set()  # patterns whose first anchor occurs
        for key in self.present:  # present is small; anchored holds every pattern word
            found = anchored.get(key)
            if found is not None:
                candidates.update(found)
        self.candidates = candidates
        self._ordered = sorted(candidates)  # a flag's patterns are one range: bisect into it

    def matches_any(
        self, patterns: Sequence[int], keep: Callable[[int], bool] | None = None, negation: bool = True
    ) -> bool:
        """True when any of the patterns (by index) matches somewhere, not negated (unless
        negation is off), at a start position that ``keep`` accepts (any when keep is None)."""
        if isinstance(patterns, range):  # what the engine registers: the candidates inside it
            ordered = self._ordered
            low = bisect_left(ordered, patterns.start)
            chosen: Iterable[int] = ordered[low : bisect_left(ordered, patterns.stop, low)]
        else:
            chosen = sorted(p for p in self.candidates if p in patterns)
        for p in chosen:
            starts = self._starts(self.engine.patterns[p], negation)
            if keep is not None:
                starts = filter(keep, starts)
            if next(starts, None) is not None:  # a start can be 0, so not any()
                return True
        return False

    def _starts(self, pattern: _Compiled, negation: bool = True) -> Iterator[int]:
        """Where the pattern's first part starts in each of its matches (un-negated ones only,
        unless negation is off)."""
        present = self.present
        if any(present.isdisjoint(term) for part in pattern.parts for term in part.terms):
            return
        first, *others = pattern.parts
        after = negation and self.engine.negation.after
        for start, end in self.spans(first):
            if negation and (self._negated(start) or (after and self._negated_after(end))):
                continue
            if not others:
                yield start
                continue
            low, high = self._sentence(start)
            if all(
                any(low <= s < high and not (negation and self._negated(s)) for s, _ in self.spans(part))
                for part in others
            ):
                yield start

    def denied_positions(self) -> set[int]:
        """Positions inside a flag pattern's match that a negator denies or a discount sets
        aside ("sin fiebre", "mi madre tuvo cancer")."""
        denied: set[int] = set()
        discounts = self.engine.discounts
        ordered = self._ordered
        for flag, patterns, _ in self.engine.flags:
            low = bisect_left(ordered, patterns.start)
            for p in ordered[low : bisect_left(ordered, patterns.stop, low)]:
                for start, end in self.spans(self.engine.patterns[p].parts[0]):
                    if (
                        self._negated(start) or self._negated_after(end)
                        or (flag.id in discounts and self.discounted(flag.id, start))
                    ):
                        denied.update(range(start, end))
        return denied

    def discounted(self, flag_id: str, start: int) -> bool:
        """True when a discount rule says the flag's match at start is no warning sign."""
        return any(
            self._discount_applies(rule, start) for rule in self.engine.discounts.get(flag_id, ())
        )

    def _discount_applies(self, rule: _DiscountRule, start: int) -> bool:
        low, high = self._sentence(start)
        if rule.question and not self._impersonal_question(low, high, rule.sources):
            return False
        if rule.after and not (
            self._found_between(rule.after, start + 1, high) or self._found_in_follow_on(rule.after, high)
        ):
            return False
        if rule.before and not self._subject_is(rule.before, start):
            return False
        # Negation only bears on the sign's own sentence ("the fever hasn't gone"): the
        # message-wide cues are facts about who and what, and "without hurting my own back"
        # still says whose back it is.
        if rule.anywhere and not self.matches_any(rule.anywhere, negation=False):
            return False
        return not (rule.unless and self.matches_any(rule.unless, negation=False))

    def _found_in_follow_on(self, patterns: range, end: int) -> bool:
        """True when the sentence after the one ending at ``end`` goes on about the same thing
        ("... a high temperature. That's all long gone now") and one of the patterns is in it."""
        tokens = self.tokens
        if end + 1 >= len(tokens) or tokens[end + 1] not in _FOLLOW_ON:
            return False
        return self._found_between(patterns, end + 1, self._sentence(end + 1)[1])

    def _found_between(self, patterns: range, low: int, high: int) -> bool:
        """True when one of the (one-part) patterns matches, not negated, starting in [low, high)."""
        return self.matches_any(patterns, keep=lambda s: low <= s < high)

    def _impersonal_question(self, low: int, high: int, sources: range) -> bool:
        """True when the sentence [low, high) asks a question and says nothing of the writer,
        beyond naming who said what it asks about ("my friend says ...", one of ``sources``)."""
        tokens = self.tokens
        if high >= len(tokens) or tokens[high] != "?":
            return False
        told = {
            i for index in sources if index in self.candidates
            for s, e in self.spans(self.engine.patterns[index].parts[0]) if low <= s < high
            for i in range(s, e)
        }
        rest = [t for i, t in enumerate(tokens[low:high], low) if i not in told]
        if told and any(t in _THIRD_PERSON for t in rest):
            return False
        return not any(t in _SELF_WORDS for t in rest)

    def _subject_is(self, patterns: range, start: int) -> bool:
        """True when, walking back from start within its clause, one of the patterns begins
        before any word for the writer ("my sister had a fever", not "my sister says I had")."""
        if self.tokens[start] in _WRITER_WORDS:  # "she said [I had cancer]": the match names me
            return False
        engine = self.engine
        subjects = {
            s for index in patterns if index in self.candidates
            for s, e in self.spans(engine.patterns[index].parts[0]) if e <= start
        }
        for i in range(start - 1, max(start - 1 - MAX_CLAUSE, -1), -1):
            if self._is_break(i) or self.tokens[i] in _WRITER_WORDS:
                return False
            if i in subjects:
                return True
            # "friends keep saying my face looks thin": a "my" that does not open the subject
            # ("my sister") names the writer's own body
            if self.tokens[i] == "my" and i + 1 not in subjects:
                return False
        return False

    def keys_at(self, i: int) -> frozenset[str] | None:
        """Pattern words the word at position i stands for (None when it stands for none)."""
        if i in self.masked:
            return None
        return self.hits.get(self.tokens[i])

    @property
    def where(self) -> dict[str, list[int]]:
        """Positions of each distinct word that stands for some anchor; one pass, on demand."""
        if self._where is None:
            anchor_words = self.engine.anchor_words
            anchors = {t for t, k in self.hits.items() if not k.isdisjoint(anchor_words)}
            self._where = {t: [] for t in anchors}
            tokens = self.tokens
            # compress/map keep the pass over every word in C; only anchor hits reach Python.
            for i in compress(range(len(tokens)), map(anchors.__contains__, tokens)):
                self._where[tokens[i]].append(i)
        return self._where

    def spans(self, part: _Part) -> Iterator[tuple[int, int]]:
        """(start, end) of matches of a part, found from each occurrence of its anchor term."""
        anchor = part.terms[part.anchor]
        starts: set[int] = set()
        for token, positions in self.where.items():
            if not anchor.isdisjoint(self.hits[token]):
                starts.update(positions)
        # Bound the work on absurd input (a phrase pasted hundreds of times): only the first
        # MAX_STARTS occurrences of an anchor are examined, which real messages never reach.
        for q in sorted(starts)[:MAX_STARTS]:
            if q in self.masked:
                continue
            end = self._grow(q + 1, part, part.anchor + 1, 1)
            if end is None:
                continue
            start = self._grow(q - 1, part, part.anchor - 1, -1)
            if start is not None:
                yield start + 1, end

    def _grow(self, pos: int, part: _Part, index: int, step: int) -> int | None:
        """Match terms from index outwards (step 1: right, -1: left); the position past the
        last matched word, or None. Depth-first over gap choices, which are few."""
        if index == len(part.terms) or index < 0:
            return pos
        # Walking right, term index may follow a gap; walking left, term index+1 may.
        gap = part.gaps[index] if step == 1 else part.gaps[index + 1]
        term = part.terms[index]
        for offset in range((self.engine.max_gap if gap else 0) + 1):
            i = pos + offset * step
            if i < 0 or i >= len(self.tokens):
                return None
            if offset and self._blocks_gap(i - step):
                return None  # a gap may not cross a clause break or skip over a negator
            keys = self.keys_at(i)
            if keys is not None and not term.isdisjoint(keys):
                found = self._grow(i + step, part, index + step, step)
                if found is not None:
                    return found
            if self._is_break(i):
                return None
        return None

    def _blocks_gap(self, i: int) -> bool:
        return self._is_break(i) or self._is_negator(i)

    def _is_break(self, i: int) -> bool:
        """True when token i ends a clause: . ! ? ; newline, "but", or ", i" / "and my"."""
        token = self.tokens[i]
        negation = self.engine.negation
        if token in _SENTENCE_ENDS or token in negation.breaks:
            return True
        if token in negation.joiners and i + 1 < len(self.tokens):
            return (token == "," and negation.comma_breaks) or self.tokens[i + 1] in negation.new_clause
        return False

    def _is_negator(self, i: int) -> bool:
        token = self.tokens[i]
        if token not in self.engine.negation.negators:
            return False
        phrases = self.engine.pseudo_by_first.get(token, ())
        return not any(self.tokens[i : i + len(phrase)] == phrase for phrase in phrases)

    def _negated(self, start: int) -> bool:
        """True when a negator precedes position start within the window and the same clause,
        or the sign is asked and answered no ("chest pain? no. back pain? yes")."""
        for i in range(start - 1, max(start - 1 - self.engine.negation.window, -1), -1):
            if self._is_break(i):
                break
            if self._is_negator(i):
                return True
        return self._answered_no(start)

    def _negated_after(self, end: int) -> bool:
        """True when a negator that follows what it denies ("bukhar nahi") comes within the
        window after the match ending at end, in the same clause. English has none."""
        after = self.engine.negation.after
        if not after:
            return False
        for i in range(end, min(end + AFTER_WINDOW, len(self.tokens))):
            if self._is_break(i):
                return False
            if self.tokens[i] in after:
                return True
        return False

    def _answered_no(self, start: int) -> bool:
        """True when the sentence holding start ends in "?" and the reply after it is a lone
        negator ("? no.", "? nope,"): a checklist answered by the writer. "? no idea" and "? no
        one knows" are not answers, so the negator must end its clause."""
        _, high = self._sentence(start)
        tokens = self.tokens
        if high + 1 >= len(tokens) or tokens[high] != "?" or not self._is_negator(high + 1):
            return False
        return high + 2 == len(tokens) or tokens[high + 2] in _BREAK_MARKS

    def _sentence(self, position: int) -> tuple[int, int]:
        """Bounds of the sentence around position, at most 40 words either side."""
        low = position
        while low > 0 and position - low < 40 and self.tokens[low - 1] not in _SENTENCE_ENDS:
            low -= 1
        high = position
        while high < len(self.tokens) and high - position < 40:
            if self.tokens[high] in _SENTENCE_ENDS:
                break
            high += 1
        return low, high


# --- validation -------------------------------------------------------------------------


class _Errors:
    """Collects 'file: where: problem' messages."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.items.append(f"{self.file}: {where}: {problem}")


def _mapping(value: object, where: str, errors: _Errors) -> Mapping[str, object] | None:
    if not isinstance(value, Mapping):
        errors.add(where, "must be a mapping")
        return None
    return value


def _text(data: Mapping[str, object], key: str, where: str, errors: _Errors) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.add(f"{where}.{key}" if where else key, "must be a non-empty string")
        return ""
    return " ".join(value.split())


def _strings(data: Mapping[str, object], key: str, where: str, errors: _Errors) -> list[str]:
    value = data.get(key)
    path = f"{where}.{key}" if where else key
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        errors.add(path, "must be a non-empty list of strings")
        return []
    return [" ".join(v.lower().split()) for v in value]


def _int(data: Mapping[str, object], key: str, where: str, low: int, high: int, errors: _Errors) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add(f"{where}.{key}", f"must be a whole number from {low} to {high}")
        return low
    return value


def _unknown_keys(
    data: Mapping[str, object], allowed: Sequence[str], where: str, errors: _Errors
) -> None:
    for key in data:
        if key not in allowed:
            errors.add(f"{where}.{key}" if where else str(key), f"unknown field (expected one of {', '.join(allowed)})")


def _compile(
    pattern: str, groups: Mapping[str, frozenset[str]], where: str, errors: _Errors
) -> _Compiled | None:
    """Parse one pattern string; report the first problem found in it."""
    parts: list[_Part] = []
    for chunk in pattern.split(" + "):
        words = chunk.split()
        if not words or words[0] == GAP or words[-1] == GAP:
            errors.add(where, f"{pattern!r}: each part needs words, and '...' only between words")
            return None
        terms: list[Term] = []
        gaps: list[bool] = []
        gap = False
        for word in words:
            if word == GAP:
                if gap:
                    errors.add(where, f"{pattern!r}: '... ...' is one gap, write it once")
                    return None
                gap = True
                continue
            alternatives: set[str] = set()
            for alt in word.split("|"):
                if alt.startswith("$"):
                    if alt[1:] not in groups:
                        errors.add(where, f"{pattern!r}: unknown group {alt!r}")
                        return None
                    alternatives |= groups[alt[1:]]
                    continue
                problem = _word_problem(alt)
                if problem:
                    errors.add(where, f"{pattern!r}: {problem}")
                    return None
                alternatives.add(alt)
            terms.append(frozenset(alternatives))
            gaps.append(gap)
            gap = False
        parts.append(_Part.of(terms, gaps))
    return _Compiled(tuple(parts))


def _word_problem(word: str) -> str:
    """Why a pattern word is invalid, or '' when it is fine."""
    stem = word.removesuffix("*")
    if not WORD_CHARS.match(stem):
        return f"{word!r} must be lowercase letters or digits (optionally ending in *)"
    if word.endswith("*") and len(stem) < 3:
        return f"{word!r}: a prefix needs at least 3 letters, or it matches too much"
    return ""


def _patterns(
    data: Mapping[str, object],
    where: str,
    groups: Mapping[str, frozenset[str]],
    errors: _Errors,
    key: str = "patterns",
) -> tuple[tuple[str, ...], tuple[_Compiled, ...]]:
    raw = _strings(data, key, where, errors)
    compiled: list[_Compiled] = []
    seen: set[str] = set()
    for i, pattern in enumerate(raw):
        if pattern in seen:
            errors.add(f"{where}.{key}[{i}]", f"duplicate pattern {pattern!r}")
            continue
        seen.add(pattern)
        c = _compile(pattern, groups, f"{where}.{key}[{i}]", errors)
        if c is not None:
            compiled.append(c)
    return tuple(raw), tuple(compiled)


_PLAIN_WORD = re.compile(r"[a-z0-9]+")
_PLAIN_WORDS = re.compile(r"[a-z0-9]+(?: [a-z0-9]+){0,2}")


def _shorthand(value: object, errors: _Errors) -> dict[str, str]:
    """The `shorthand` mapping: one typed word to the one to three words it stands for."""
    if not isinstance(value, dict):
        errors.add("shorthand", "must be a mapping of typed word to the word it stands for (bak: back)")
        return {}
    found: dict[str, str] = {}
    for typed, meant in value.items():
        if not isinstance(typed, str) or not _PLAIN_WORD.fullmatch(typed):
            errors.add(f"shorthand.{typed}", "must be one lowercase word of letters or digits")
        elif not isinstance(meant, str) or not _PLAIN_WORDS.fullmatch(meant):
            errors.add(f"shorthand.{typed}", f"{meant!r} must be one to three lowercase words of letters or digits")
        elif typed == meant:
            errors.add(f"shorthand.{typed}", "stands for itself")
        else:
            found[typed] = meant
    return found


def _typo_words(data: Mapping[str, object], used: set[str] | None, errors: _Errors) -> list[str]:
    """The pattern words that also accept a typo; each must be used and long enough."""
    if "typo_words" not in data:
        return []
    found = []
    for i, word in enumerate(_strings(data, "typo_words", "", errors)):
        stem = word.rstrip("*")
        if _word_problem(word) or not stem.isalpha() or len(stem) < MIN_FUZZY_LENGTH:
            errors.add(
                f"typo_words[{i}]", f"{word!r} must be a word or prefix of {MIN_FUZZY_LENGTH}+ letters"
            )
        elif used is not None and word not in used:
            errors.add(f"typo_words[{i}]", f"{word!r} is not used by any pattern")
        else:
            found.append(word)
    return found


_DISCOUNT_PATTERNS = ("after", "before", "sources", "anywhere", "unless")


def _discounts(
    data: Mapping[str, object],
    groups: Mapping[str, frozenset[str]],
    flag_ids: set[str],
    errors: _Errors,
    prefix: str = "",
) -> list[tuple[Discount, dict[str, tuple[_Compiled, ...]]]]:
    """The `discounts` list: each names known flags and at least one condition. ``prefix``
    places the list in its file ("languages.es.") for error messages."""
    entries = data.get("discounts")
    if not isinstance(entries, list) or not entries:
        errors.add(f"{prefix}discounts", "must be a non-empty list of discounts")
        return []
    found: list[tuple[Discount, dict[str, tuple[_Compiled, ...]]]] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        where = f"{prefix}discounts[{i}]"
        item = _mapping(entry, where, errors)
        if item is None:
            continue
        _unknown_keys(item, ("id", "flags", "question", *_DISCOUNT_PATTERNS), where, errors)
        discount_id = _text(item, "id", where, errors)
        if discount_id in seen:
            errors.add(f"{where}.id", f"duplicate id {discount_id!r}")
        seen.add(discount_id)
        flags = _strings(item, "flags", where, errors)
        for j, flag_id in enumerate(flags):
            if flag_id not in flag_ids:
                errors.add(f"{where}.flags[{j}]", f"unknown flag {flag_id!r}")
        question = item.get("question", False)
        if not isinstance(question, bool):
            errors.add(f"{where}.question", "must be true or false")
            question = False
        raw: dict[str, tuple[str, ...]] = {}
        compiled: dict[str, tuple[_Compiled, ...]] = {}
        for key in _DISCOUNT_PATTERNS:
            if key in item:
                raw[key], compiled[key] = _patterns(item, where, groups, errors, key=key)
        if not raw and not question:
            errors.add(where, "needs a condition: question, after, before or anywhere")
        for key in ("before", "sources"):
            if any(len(c.parts) > 1 for c in compiled.get(key, ())):
                errors.add(f"{where}.{key}", "a subject pattern cannot use ' + '")
        if "sources" in raw and not question:
            errors.add(f"{where}.sources", "only means something with question: true")
        discount = Discount(
            discount_id, tuple(flags), question=question,
            **{key: raw.get(key, ()) for key in _DISCOUNT_PATTERNS},
        )
        found.append((discount, compiled))
    return found


def _groups(value: object, where: str, errors: _Errors) -> dict[str, frozenset[str]]:
    """A `groups` mapping: name -> the words of the group."""
    groups: dict[str, frozenset[str]] = {}
    for name, members in (_mapping(value, where, errors) or {}).items():
        at = f"{where}.{name}"
        if not isinstance(name, str) or not re.match(r"^[a-z_]+$", name):
            errors.add(at, "group names are lowercase letters and underscores")
            continue
        words = _strings({"words": members}, "words", "", _Errors(""))
        if not words:
            errors.add(at, "must be a non-empty list of strings")
            continue
        for i, word in enumerate(words):
            problem = _word_problem(word)
            if problem:
                errors.add(f"{at}[{i}]", problem)
        groups[name] = frozenset(words)
    return groups


LANGUAGE_ID = re.compile(r"^[a-z]{2,3}(?:_[a-z]+)?$")
_LANGUAGE_KEYS = (
    "name", "negators", "negators_after", "pseudo_negations", "clause_breaks", "conjunctions",
    "groups", "advice", "flags", "discounts", "common_words",
)


def _parse_languages(
    raw: object,
    errors: _Errors,
    english_groups: Mapping[str, frozenset[str]],
    english_flags: Mapping[str, Flag],
    english_negation: _Negation,
    max_gap: int,
    everyday: frozenset[str] = _EVERYDAY,
) -> tuple[str, list[tuple[Language, _Engine, frozenset[str]]]]:
    """Validate safety_languages.yaml: its source and, per language, an engine of its own and
    the words its patterns and groups spell out (its marker words are chosen from them).

    Each language reads the flags of safety.yaml (same ids and tiers) with its own patterns,
    groups (besides those of safety.yaml) and negators; its negators apply to its patterns
    only, so they can never change what the English patterns find.
    """
    data = _mapping(raw, "top level", errors)
    if data is None:
        return "", []
    _unknown_keys(data, ("source", "languages"), "", errors)
    source = _text(data, "source", "", errors)
    blocks = _mapping(data.get("languages"), "languages", errors)
    if not blocks:
        if blocks is not None:
            errors.add("languages", "must name at least one language")
        return source, []
    found: list[tuple[Language, _Engine, frozenset[str]]] = []
    for language_id, value in blocks.items():
        where = f"languages.{language_id}"
        if not isinstance(language_id, str) or not LANGUAGE_ID.match(language_id):
            errors.add(where, "a language id is a lowercase code like 'es' or 'hi_latn'")
            continue
        block = _mapping(value, where, errors)
        if block is None:
            continue
        count = len(errors.items)
        _unknown_keys(block, _LANGUAGE_KEYS, where, errors)
        name = _text(block, "name", where, errors)
        local = _groups(block["groups"], f"{where}.groups", errors) if "groups" in block else {}
        for group in local:
            if group in english_groups:
                errors.add(f"{where}.groups.{group}", "already a group of safety.yaml: give it another name")
        groups = {**english_groups, **local}

        def optional(key: str, block: Mapping[str, object] = block, where: str = where) -> list[str]:
            return _strings(block, key, where, errors) if key in block else []

        negation = _Negation(
            negators=frozenset(_strings(block, "negators", where, errors)),
            pseudo=tuple(tuple(p.split()) for p in optional("pseudo_negations")),
            breaks=english_negation.breaks | frozenset(optional("clause_breaks")),
            # after a conjunction, a negator starts a clause of its own: "no fever and no pee"
            new_clause=frozenset(_strings(block, "negators", where, _Errors(""))),
            window=english_negation.window,
            after=frozenset(optional("negators_after")),
            joiners=english_negation.joiners | frozenset(optional("conjunctions")),
            comma_breaks=True,
        )
        advice: dict[str, str] = {}
        advice_data = _mapping(block.get("advice"), f"{where}.advice", errors)
        if advice_data is not None:
            _unknown_keys(advice_data, TIERS, f"{where}.advice", errors)
            advice = {tier: _text(advice_data, tier, f"{where}.advice", errors) for tier in TIERS}
        flags: list[tuple[Flag, tuple[_Compiled, ...], tuple[_Compiled, ...]]] = []
        own: set[str] = set()  # the words its flag patterns spell out or take from its own groups
        flags_data = _mapping(block.get("flags"), f"{where}.flags", errors)
        for flag_id, entry in (flags_data or {}).items():
            at = f"{where}.flags.{flag_id}"
            english = english_flags.get(flag_id) if isinstance(flag_id, str) else None
            if english is None:
                errors.add(at, f"unknown flag {flag_id!r}: the ids are those of safety.yaml")
                continue
            item = _mapping(entry, at, errors)
            if item is None:
                continue
            _unknown_keys(item, ("patterns", "context"), at, errors)
            raw_patterns, compiled = _patterns(item, at, groups, errors)
            raw_context, context = (
                _patterns(item, at, groups, errors, key="context") if "context" in item else ((), ())
            )
            flag = Flag(english.id, english.label, english.tier, raw_patterns, raw_context)
            flags.append((flag, compiled, context))
            for w in (w for pattern in raw_patterns for w in re.split(r"[\s|]+", pattern)):
                if w.startswith("$"):
                    own.update(local.get(w[1:], ()))
                elif w and w not in (GAP, "+"):
                    own.add(w)
        if flags_data is not None and not flags_data:
            errors.add(f"{where}.flags", "must give the patterns of at least one flag")
        discounts = (
            _discounts(block, groups, set(english_flags), errors, prefix=f"{where}.")
            if "discounts" in block else []
        )
        if len(errors.items) > count:
            continue
        # anchored on a word of the language rather than one English shares ("cancer"), so
        # that English messages rarely wake this language's engine
        engine = _Engine(flags, (), (), negation, max_gap, frozenset(), frozenset(), discounts, everyday)
        common = frozenset(optional("common_words"))
        language = Language(language_id, name, advice, tuple(f for f, _, _ in flags), common)
        found.append((language, engine, frozenset(own)))
    return source, found


def parse_safety(
    raw: object,
    file: str,
    languages: object = None,
    languages_file: str = "knowledge/safety_languages.yaml",
    english_words: frozenset[str] = frozenset(),
) -> tuple[SafetyRules | None, list[str]]:
    """Validate already-loaded safety.yaml data into SafetyRules, or None plus every problem.

    Args:
        raw: what ``yaml.safe_load`` returned for the file.
        file: how the file is named in error messages ("knowledge/safety.yaml").
        languages: what ``yaml.safe_load`` returned for safety_languages.yaml, the same red
            flags in other languages; None to read English only.
        languages_file: how that file is named in error messages.
        english_words: real English words (bot/data/english_words.txt), which never wake
            another language's rules; without them only words of 3 letters or fewer are
            ruled out, and a shared word ("cancer") may wake them.
    Returns:
        (rules, []) when valid, else (None, errors) with each error as "file: where: problem".
    """
    errors = _Errors(file)
    data = _mapping(raw, "top level", errors)
    if data is None:
        return None, errors.items
    top = (
        "source", "settings", "groups", "negation", "shorthand", "ignore", "typo_words", "not_typos",
        *TIERS, "discounts", "medical",
    )
    _unknown_keys(data, top, "", errors)
    source = _text(data, "source", "", errors)

    settings = _mapping(data.get("settings"), "settings", errors) or {}
    max_gap = _int(settings, "max_gap", "settings", 1, 6, errors) if settings else 1
    window = _int(settings, "negation_window", "settings", 1, 10, errors) if settings else 1

    groups = _groups(data.get("groups"), "groups", errors)

    negation_data = _mapping(data.get("negation"), "negation", errors) or {}
    negation = _Negation(
        negators=frozenset(_strings(negation_data, "negators", "negation", errors)),
        pseudo=tuple(
            tuple(p.split()) for p in _strings(negation_data, "pseudo_negations", "negation", errors)
        ),
        breaks=frozenset(_strings(negation_data, "clause_breaks", "negation", errors)),
        new_clause=frozenset(_strings(negation_data, "new_clause_words", "negation", errors)),
        window=window,
    )
    not_typos = frozenset(_strings(data, "not_typos", "", errors)) if "not_typos" in data else frozenset()
    shorthand = _shorthand(data.get("shorthand"), errors) if "shorthand" in data else {}

    ignore: list[_Compiled] = []
    if "ignore" in data:
        for i, pattern in enumerate(_strings(data, "ignore", "", errors)):
            c = _compile(pattern, groups, f"ignore[{i}]", errors)
            if c is not None and len(c.parts) > 1:
                errors.add(f"ignore[{i}]", "an ignored phrase cannot use ' + '")
            elif c is not None:
                ignore.append(c)

    flags: list[tuple[Flag, tuple[_Compiled, ...], tuple[_Compiled, ...]]] = []
    advice: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for tier in TIERS:
        tier_data = _mapping(data.get(tier), tier, errors)
        if tier_data is None:
            continue
        _unknown_keys(tier_data, ("advice", "flags"), tier, errors)
        advice[tier] = _text(tier_data, "advice", tier, errors)
        entries = tier_data.get("flags")
        if not isinstance(entries, list) or not entries:
            errors.add(f"{tier}.flags", "must be a non-empty list of flags")
            continue
        for i, entry in enumerate(entries):
            where = f"{tier}.flags[{i}]"
            item = _mapping(entry, where, errors)
            if item is None:
                continue
            _unknown_keys(item, ("id", "label", "patterns", "context"), where, errors)
            flag_id = _text(item, "id", where, errors)
            if flag_id and not FLAG_ID.match(flag_id):
                errors.add(f"{where}.id", f"{flag_id!r} must look like 'red_flag.saddle_numbness'")
            elif flag_id in seen_ids:
                errors.add(f"{where}.id", f"duplicate id {flag_id!r}, first used in {seen_ids[flag_id]}")
            elif flag_id:
                seen_ids[flag_id] = where
            label = _text(item, "label", where, errors)
            raw_patterns, compiled = _patterns(item, where, groups, errors)
            raw_context, context = (
                _patterns(item, where, groups, errors, key="context") if "context" in item else ((), ())
            )
            tier_value: Tier = "emergency" if tier == "emergency" else "urgent"
            flag = Flag(flag_id, label, tier_value, raw_patterns, raw_context)
            flags.append((flag, compiled, context))

    discounts = _discounts(data, groups, set(seen_ids), errors) if "discounts" in data else []

    medical: list[tuple[MedicalTopic, tuple[_Compiled, ...]]] = []
    medical_data = _mapping(data.get("medical"), "medical", errors)
    if medical_data is not None:
        _unknown_keys(medical_data, MEDICAL_CATEGORIES, "medical", errors)
    for category in MEDICAL_CATEGORIES:
        if medical_data is None:
            break
        where = f"medical.{category}"
        item = _mapping(medical_data.get(category), where, errors)
        if item is None:
            continue
        _unknown_keys(item, ("reply", "patterns"), where, errors)
        reply = _text(item, "reply", where, errors)
        raw_patterns, compiled = _patterns(item, where, groups, errors)
        medical.append((MedicalTopic(category, reply, raw_patterns), compiled))

    used = {
        word
        for patterns in [
            *(p for _, p, _ in flags), *(c for _, _, c in flags), *(p for _, p in medical),
            *(c for _, parts in discounts for c in parts.values()),
        ]
        for compiled in patterns
        for part in compiled.parts
        for term in part.terms
        for word in term
    }
    # An unused typo word is only reported when the patterns themselves parsed cleanly.
    typo_words = frozenset(_typo_words(data, used if not errors.items else None, errors))
    foreign: list[tuple[Language, _Engine, frozenset[str]]] = []
    if languages is not None:
        language_errors = _Errors(languages_file)
        _, foreign = _parse_languages(
            languages, language_errors, groups, {f.id: f for f, _, _ in flags}, negation, max_gap,
            _EVERYDAY | {w for w in used if not w.endswith("*")},
        )
        errors.items.extend(language_errors.items)
    if errors.items:
        return None, errors.items
    # a dropped g ("killin", "tryin", "achin") is the pattern word it drops it from
    shorthand = {w[:-1]: w for w in used if w.endswith("ing") and len(w) > 5 and w[:-1] not in used} | shorthand
    engine = _Engine(flags, medical, ignore, negation, max_gap, typo_words, not_typos, discounts, shorthand=shorthand)
    rules = SafetyRules(
        flags=tuple(f for f, _, _ in flags),
        advice=advice,
        medical=tuple(m for m, _ in medical),
        source=source,
        _engine=engine,
        discounts=tuple(d for d, _ in discounts),
        languages=tuple(language for language, _, _ in foreign),
        _foreign=_Foreign(foreign, english_words) if foreign else None,
    )
    return rules, []
