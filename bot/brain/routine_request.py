"""Reads routine settings (level, focus, equipment, minutes, position) out of a free-text request.

Pure and typo tolerant: words are first corrected against a small vocabulary with rapidfuzz,
then matched by phrase. Whatever the message does not state keeps the caller's defaults, and
the caller learns which fields were stated so the reply can say which defaults it used.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from rapidfuzz import fuzz, process

from bot.brain.model import Equipment, Focus, Level, RoutineOptions, equipment_rank
from bot.brain.routine import MAX_MINUTES, MIN_MINUTES

__all__ = [
    "MAX_MINUTES", "MIN_MINUTES", "POSITION_WORDS", "SENIOR_AGE", "adjusts_routine", "parse_routine_request",
    "stated_position",
]  # fmt: skip

SENIOR_AGE = 65  # "my 70 year old mum" takes the senior track; "my 40 year old dad" does not
TYPO_SCORE = 85  # rapidfuzz ratio: one slip in a 7-letter word scores ~86
MIN_TYPO_LENGTH = 4  # short words ("ab", "gym", "min") must be spelled right: too many near-misses

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

# Everyday words one slip away from a keyword ("should" ~ "shoulder"): never corrected.
COMMON_WORDS = frozenset(
    {"should", "could", "would", "supper", "power", "tower", "older", "folder", "order",
     "eight", "weight", "hand", "bend", "bends", "bond", "mind", "mine", "fall", "feel",
     "thirsty", "fifth", "sixth", "whale", "hole", "holder", "bandage", "setting", "settings"}
)  # fmt: skip

# Words worth correcting: every keyword below that is long enough to be mistyped.
VOCABULARY = sorted(
    {
        *NUMBER_WORDS,
        "minute", "minutes", "mins", "hour", "hours", "quarter", "half",
        "beginner", "beginners", "novice", "intermediate", "advanced", "experienced",
        "senior", "seniors", "elderly", "older", "pensioner", "grandad", "granddad",
        "grandpa", "grandma", "granny", "grandmother", "grandfather", "retired",
        "equipment", "band", "bands", "resistance", "theraband", "dumbbell", "dumbbells",
        "weights", "kettlebell", "barbell", "machine", "machines", "cable", "bodyweight",
        "upper", "lower", "shoulder", "shoulders", "lumbar", "core", "abdominals", "stomach",
        "tummy", "whole", "full", "entire", "everything",
        "sitting", "seated", "standing", "wheelchair",
    }
)  # fmt: skip

_VOCABULARY_SET = frozenset(VOCABULARY)


def _words(*alternatives: str) -> str:
    """One regex matching any of the alternatives as whole words."""
    return r"\b(?:" + "|".join(alternatives) + r")\b"


_LEVEL_PATTERNS: tuple[tuple[str, str], ...] = (
    # Senior first: "a beginner routine for my grandad" is about the grandad.
    ("senior", _words(
        r"seniors?", "elderly", r"older (?:adults?|people|person|folks?|man|woman|lady)",
        r"pensioners?", r"oaps?", "retired", r"retirees?",
        r"grand(?:d?ad|pa|ma|mother|father|parents?)", "granny", "nana", "nan",
        r"in (?:my|his|her|their) (?:seventies|eighties|nineties)",
    )),
    # "fairly experienced" is not an expert: checked before the bare word
    ("intermediate", _words(
        r"(?:fairly|somewhat|quite|moderately|a bit|a little|kinda|sort of) experienced",
    )),
    ("advanced", _words(
        # "thank you in advance" (corrected to "advanced" with the other typos) is no level
        r"(?<!\bin )advanced", "experienced", "expert", "athlete",
        # about the session, never the pain: "intense pain" must not pick the hardest track
        # ("a harder one" is a step up from their level: see _RELATIVE)
        r"(?:hard|tough|challenging|intense) (?:routine|workout|session|one)",
        r"(?:lifting|training|working out|been at (?:it|the gym)) for years",
    )),
    ("intermediate", _words("intermediate", "moderate level", "some experience", "medium level")),
    ("beginner", _words(
        r"beginners?", "novice", r"newbies?", r"noobs?", r"first[ -]timers?", "easy",
        r"new to (?:exercise|exercising|working out|this|the gym)",
        "just starting", "starting out", r"never (?:exercised|worked out)",
    )),
)  # fmt: skip
_AGE = re.compile(
    r"\b(\d{2,3})[ -]?(?:years?|yrs?|yo)(?:[ -]?old)?\b|\baged? (\d{2,3})\b"
    r"|\bin (?:my|his|her|their) (\d0)s\b"
    # "exercises for a person over 70"
    r"|\b(?:over|above|past|older than) (\d{2})\b(?! ?(?:min|m\b|h|kg|lb|pound|percent|%))"
    r"|\b(?:lady|man|woman|gentleman|gent|person|someone|fella|chap|grandmother|grandfather) of (\d{2,3})\b"
    # "my mum (75)" (brackets are gone by now), but not "my dad 20 min"
    r"|\b(?:mum|mom|mother|dad|father|nan|nana|gran|granny|grandma|grandpa|husband|wife|partner"
    r"|aunt|uncle|neighbou?r|friend) (\d{2,3})\b(?! ?(?:min|m\b|h|kg|lb|pound))"
    # "my mum is 72", but not "a routine that is 20 minutes"
    r"|\b(?:is|i'?m|i am|she'?s|he'?s|turned|turning) (\d{2,3})\b(?! ?(?:min|m\b|h))"
)
_FOCUS_PATTERNS: tuple[tuple[str, str], ...] = (
    ("upper", _words(
        r"upper[ -]?back", "upper body", r"between (?:my |the )?shoulder ?blades",
        r"shoulders?", "neck", "thoracic", r"mid[ -]?back", "middle back", "upper",
    )),
    ("lower", _words(r"lower[ -]?back", r"low[ -]?back", "lumbar", "lower")),
    ("core", _words("core", "abs", r"abdominals?", "stomach", "tummy", "trunk")),
    ("full", _words(
        r"full[ -]?back", "whole back", "entire back", r"full[ -]?body", "whole body", r"all (?:of )?the back",
        "all over", "overall", "everything",
    )),
)  # fmt: skip
_EQUIPMENT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("gym", _words("gym", r"machines?", r"cables?", r"barbells?", "pulldown")),
    ("dumbbells", _words(r"dumb ?bells?", "weights", r"kettlebells?")),
    ("band", _words(r"bands?", "resistance", "theraband", "elastic")),
)
_NO_EQUIPMENT = re.compile(
    r"\b(no|without|zero) (?:any )?(?:equipment|gear|kit)\b|\bbody ?weights?\b"
    r"|\bno(?:thing)? at all\b|\bjust (?:me|my body)\b|\bequipment[ -]free\b"
    r"|\b(?:just|only) (?:a |my |the )?(?:yoga |exercise )?mat\b"
    r"|\b(?:do(?:es)?n'?t|do(?:es)? not|haven'?t got|has no|have no) (?:have )?(?:any )?(?:equipment|gear|kit)\b"
)
# "no dumbbells", "don't have a band", "without weights": a negated piece of equipment.
_NEGATION = r"\b(?:no|without|not|don'?t have|do not have|haven'?t got|lack)(?: any| a| an| my)?"

# Where the user will do it: "at my desk", "lying in bed", "standing up". The one vocabulary
# for positions: exercise lists ("stretches I can do at my desk") and routines read the same words.
POSITION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:sitting|seated|sat down|in (?:a|my) chair|on a chair|chair|at (?:my|a|the) desk|wheelchair)\b"), "seated"),
    (re.compile(r"\b(?:lying|lie down|laying|on the floor|in bed|on (?:a|my|the) mat|on my back)\b"), "floor"),
    (re.compile(r"\b(?:standing|stand up|on my feet)\b"), "standing"),
)  # fmt: skip
# "can't get down on the floor", "no lying down": a place they cannot use, not where they will be.
_POSITION_NEGATED = re.compile(
    r"\b(?:no|not|without|never|avoid|cannot|can'?t|cant|unable to|don'?t want to|hard to|struggle to)"
    r"(?: [\w']+){0,2} $"
)
# "sore from sitting", "at a desk all day": what caused the pain, not where they will exercise.
_POSITION_AS_CAUSE = (
    re.compile(
        r"\b(?:(?:from|after|by|through|of|too much|so much)(?: [\w']+)?|hours?(?: (?:a|per|each) day)?"
        r"|all day|(?:hurts?|aches?|pain|painful|sore|stiff) (?:when|while)) $"
    ),
    re.compile(
        r" (?:all (?:day|night|week)|for (?:hours|ages|too long|long|work|a living)|\d+ ?(?:hours?|hrs?)"
        r"|a lot|too much|so much|at work|most of the day|every day|each day|(?:at )?(?:my|a) job)\b"
    ),
)

_HOURS = tuple(
    (re.compile(pattern), minutes)
    for pattern, minutes in (
        (r"\b(?:an?|1) hour and a half\b|\bone and a half hours?\b|\b1\.5 ?h(?:ours?|rs?)?\b", 90),
        (r"\bthree quarters? of an hour\b", 45),
        (r"\bhalf (?:an )?hour\b|\bhalf-hour\b", 30),
        (r"\b(?:a )?quarter (?:of )?(?:an )?hour\b", 15),
        (r"\b(?:an|one|1) ?(?:hour|hr|h)\b", 60),
    )
)
_AT_THE = re.compile(r"\b(?:at|in|to) (?:the|my|a|our) $")
_NEGATED_BEFORE = re.compile(
    _NEGATION + r" (?:\w+ ){0,2}$"
    # "no time for the gym", "can't get to the gym": kit they will not have today
    r"|\b(?:no time (?:for|to (?:go to|get to))|can'?t (?:get|go) to|not going to|skipping)(?: the| my| a)? $"
)
_NOT_KEPT = re.compile(r"[^a-z0-9'.\- ]+")
# compiled once: these run on every message
_LEVELS = tuple((level, re.compile(pattern)) for level, pattern in _LEVEL_PATTERNS)
_FOCUSES = tuple((focus, re.compile(pattern)) for focus, pattern in _FOCUS_PATTERNS)
_KITS = tuple((tier, re.compile(pattern)) for tier, pattern in _EQUIPMENT_PATTERNS)
# One search that finds whether any of a family's patterns could match: most messages name
# no level, kit or position, and one miss is cheaper than a miss per pattern.
_ANY_LEVEL = re.compile("|".join(pattern for _, pattern in _LEVEL_PATTERNS))
_ANY_KIT = re.compile("|".join(pattern for _, pattern in _EQUIPMENT_PATTERNS))
_ANY_POSITION = re.compile("|".join(pattern.pattern for pattern, _ in POSITION_WORDS))
_DIGIT = re.compile(r"\d")
_HOUR_WORD = re.compile(r"\b(?:hours?|hrs?|h)\b")
_ANY_FOCUS = re.compile("|".join(pattern for _, pattern in _FOCUS_PATTERNS))
_MINUTES = re.compile(
    r"\b(\d{1,4})(?:\s*(?:-|to|or)\s*(\d{1,4}))?\s*-?\s*(?:minutes?|mins?|m)\b"
)
# "routine 30", "a workout of 20": a number right after the session word is its length
_SESSION_NUMBER = re.compile(
    r"\b(?:routine|workout|session)(?: of| for)? ([5-9]|[1-9]\d)()"
    r"(?! ?(?:am|pm|x|reps?|sets?|kg|lbs?|times|people|days?|weeks?|of|[:.]\d))\b"
)
MAX_SESSION_HOURS = 2
# "sat in the car for 2 hours", "been driving for an hour": time spent, not a session asked for
_SPENT_BEFORE = re.compile(
    r"\b(?:sat|sitting|driving|drove|flying|flew|flight|standing|stood|travelling|traveling|commuting|gaming"
    r"|in the car|on a plane|on the train|at my desk)\b(?: [\w']+){0,4} $"
)
_HOURS_NUMBER = re.compile(r"\b(\d{1,2})\s*-?\s*(?:hours?|hrs?|h)\b")
# "10 hours a day at a desk", "12 hour shifts": how long they sit or work, not a session
# ("two hours from the nearest town", "a 2 hour drive"): a distance, not a session
_DAILY_LIFE = re.compile(
    r"\s*(?:(?:a|per|each|every) (?:day|night|week|shift)|daily|shifts?|straight|at (?:a|my|the) desk"
    r"|from|away|drive|commute|flight|journey|by car|on the road)\b"
)


# "make it harder", "shorter one pls", "same as yesterday but easier", "these are too easy now":
# a step from the user's own settings, not a level or length of its own
_COMPARATIVE = r"(harder|tougher|easier|gentler|shorter|longer|quicker)"
_SOFTENER = r"(?:a bit |a little |a lil |slightly |much |way |even |bit )?"
_RELATIVE = re.compile(
    rf"\bmak(?:e|ing) (?:it|this|that|them|todays?|the (?:routine|workout|session)) {_SOFTENER}{_COMPARATIVE}\b"
    rf"|\b{_COMPARATIVE} (?:version|one|routine|workout|session|pls|please|plz)\b"
    rf"|\b(?:same|like) (?:as )?(?:yesterday|last time|before|that)(?:s)?(?: one| routine)? but {_SOFTENER}{_COMPARATIVE}\b"
    r"|\b(?:these|those|they|it|its|the \w+ ones?|the routines?|the exercises?|the workouts?)"
    r"(?: are| is| were| was| feel| feels| getting)? (?:way |far |a bit |now |much |getting )*too (easy|hard|long|short)\b"
    rf"|^{_SOFTENER}{_COMPARATIVE}(?: pls| please| plz)?$"
)
# every relative ask has one of these words
_RELATIVE_WORD = re.compile(r"(?:harder|tougher|easier|gentler|shorter|longer|quicker|too)\b")
# what each word asks for: a step up or down in level, or in length
_STEP = {
    "harder": ("level", 1), "tougher": ("level", 1), "easy": ("level", 1), "short": ("minutes", 1),
    "easier": ("level", -1), "gentler": ("level", -1), "hard": ("level", -1), "long": ("minutes", -1),
    "shorter": ("minutes", -1), "quicker": ("minutes", -1), "longer": ("minutes", 1),
}  # fmt: skip
_LEVEL_STEPS: tuple[Level, ...] = ("senior", "beginner", "intermediate", "advanced")


def _relative(
    match: re.Match[str] | None, defaults: RoutineOptions, level: str | None
) -> tuple[str, Level | int] | None:
    """The setting a relative ask (a match of _RELATIVE) changes and its new value, stepped
    from the user's saved one; a level the message names wins ("a harder one, advanced")."""
    if match is None:
        return None
    field, step = _STEP[next(g for g in match.groups() if g)]
    if field == "level":
        if level is not None:
            return None
        i = _LEVEL_STEPS.index(defaults.level) + step
        return "level", _LEVEL_STEPS[min(max(i, 0), len(_LEVEL_STEPS) - 1)]
    # a third shorter or half as long again, in five-minute steps, within the allowed range
    minutes = defaults.minutes * (2 / 3 if step < 0 else 3 / 2)
    return "minutes", min(max(5 * round(minutes / 5), MIN_MINUTES), MAX_MINUTES)


def adjusts_routine(text: str) -> bool:
    """Whether a message asks for the routine one step harder, easier, shorter or longer."""
    clean = _normalise(text)
    return _RELATIVE_WORD.search(clean) is not None and _RELATIVE.search(clean) is not None


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("w/o", "without")  # before "/" goes
    text = _NOT_KEPT.sub(" ", text)
    return " ".join(text.split())


def _correct(text: str) -> str:
    """Replace near-miss words by the vocabulary word they were meant to be."""
    return " ".join(_correct_word(word) for word in text.split())


@lru_cache(maxsize=20_000)  # the same everyday words recur in every message
def _correct_word(word: str) -> str:
    if len(word) < MIN_TYPO_LENGTH or not word.isalpha() or word in _VOCABULARY_SET or word in COMMON_WORDS:
        return word
    match = process.extractOne(word, VOCABULARY, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
    return word if match is None else str(match[0])


def _numbers_to_digits(text: str) -> str:
    """'twenty five' -> '25', 'ten' -> '10', so one set of patterns reads both."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i].rstrip(".")
        if word in NUMBER_WORDS:
            value = NUMBER_WORDS[word]
            if word in TENS and i + 1 < len(words) and NUMBER_WORDS.get(words[i + 1], 10) < 10:
                value += NUMBER_WORDS[words[i + 1]]
                i += 1
            out.append(str(value))
        elif "-" in word and all(part in NUMBER_WORDS for part in word.split("-")):
            tens, _, unit = word.partition("-")
            out.append(str(NUMBER_WORDS[tens] + NUMBER_WORDS[unit]))
        else:
            out.append(words[i])
        i += 1
    return " ".join(out)


def _minutes(text: str) -> int | None:
    if _DIGIT.search(text) is None and _HOUR_WORD.search(text) is None:
        return None  # every duration has a digit or an hour word ("half an hour", "an hour")
    for pattern, minutes in _HOURS:
        found = pattern.search(text)
        if found is not None and not _SPENT_BEFORE.search(text, 0, found.start()):
            return minutes
    match = _MINUTES.search(text) or _SESSION_NUMBER.search(text)
    if match is not None:
        # "10-15 minutes": the routine fits within the larger bound.
        return int(match.group(2) or match.group(1))
    for hours in _HOURS_NUMBER.finditer(text):
        # "8 hour sessions most weekends": nobody asks for a back routine of 3 hours or more;
        # so long a span is how they game, drive or work; "sat in the car for 2 hours" too
        if (
            int(hours.group(1)) <= MAX_SESSION_HOURS
            and not _DAILY_LIFE.match(text, hours.end())
            and not _SPENT_BEFORE.search(text, 0, hours.start())
        ):
            return int(hours.group(1)) * 60
    return None


def _level(text: str) -> str | None:
    if _ANY_LEVEL.search(text):
        for level, pattern in _LEVELS:
            if pattern.search(text):
                return level
    if _DIGIT.search(text) is None:
        return None  # every age is written in digits by now
    for match in _AGE.finditer(text):
        age = int(next(g for g in match.groups() if g))
        if age >= SENIOR_AGE:
            return "senior"
    return None


def _focus(text: str) -> str | None:
    if _ANY_FOCUS.search(text) is None:
        return None  # most messages name no part of the back: one search instead of four
    found = {focus for focus, pattern in _FOCUSES if pattern.search(text)}
    if len(found) == 1:
        return found.pop()
    # "upper and lower back", "core and lower back": more than one section is the full back.
    return "full" if found else None


def _equipment(text: str) -> str | None:
    if _NO_EQUIPMENT.search(text):
        return "none"
    if _ANY_KIT.search(text) is None:
        return None
    have: list[str] = []
    lacking = False
    gym_as_place = False
    for tier, pattern in _KITS:
        for match in pattern.finditer(text):
            before = text[: match.start()]
            if _NEGATED_BEFORE.search(before):
                lacking = True
            elif tier == "gym" and match.group() == "gym" and _AT_THE.search(before):
                gym_as_place = True
            else:
                have.append(tier)
    if gym_as_place and not (lacking and have):
        # "at my gym" means gym kit, unless they say what it lacks and what they use:
        # "dumbbells, no machines at my gym" is a dumbbell workout
        have.append("gym")
    if have:
        # A gym has bands and dumbbells too: the highest tier mentioned is what they have.
        return max(have, key=equipment_rank)
    return "none" if lacking else None


def stated_position(text: str) -> str | None:
    """The position the message asks to be in ("at my desk": seated), or None.

    The earliest mention wins ("sitting or standing at my desk": seated); a negated one
    ("can't get on the floor") or one that explains the pain ("stiff from sitting all day")
    states nothing. Expects lowercase text.
    """
    if _ANY_POSITION.search(text) is None:
        return None
    found: list[tuple[int, str]] = []
    for pattern, position in POSITION_WORDS:
        for match in pattern.finditer(text):
            before, after = text[: match.start()], text[match.end() :]
            if _POSITION_NEGATED.search(before) or _POSITION_AS_CAUSE[0].search(before):
                continue
            if _POSITION_AS_CAUSE[1].match(after):
                continue
            found.append((match.start(), position))
    return min(found)[1] if found else None


def parse_routine_request(
    text: str, defaults: RoutineOptions
) -> tuple[RoutineOptions, frozenset[str]]:
    """Routine options read from a message, and the names of the fields it actually stated.

    Minutes are returned as stated, even out of range (``MIN_MINUTES``..``MAX_MINUTES``), so the
    caller can answer "5 to 90 minutes, please" instead of silently changing the request.
    The position is not among the stated names: it is never a saved setting, so
    ``options.position`` is None exactly when neither the message nor the caller gave one.
    """
    words = _correct(_normalise(text))
    # before "one" becomes "1": "a shorter one"; the cheap word check spares most messages the search
    asked = _RELATIVE.search(words) if _RELATIVE_WORD.search(words) else None
    clean = _numbers_to_digits(words)
    # "these are too easy" names no level: the level is read from the rest of the message
    level = _level(clean if asked is None else _numbers_to_digits(words[: asked.start()] + words[asked.end() :]))
    focus, equipment, minutes = _focus(clean), _equipment(clean), _minutes(clean)
    relative = _relative(asked, defaults, level)
    if relative is not None:
        field, value = relative
        if field == "level":
            level = cast(str, value)
        elif minutes is None:
            minutes = cast(int, value)
    options = RoutineOptions(
        level=cast(Level, level) if level else defaults.level,
        focus=cast(Focus, focus) if focus else defaults.focus,
        equipment=cast(Equipment, equipment) if equipment else defaults.equipment,
        minutes=minutes if minutes is not None else defaults.minutes,
        position=stated_position(clean) or defaults.position,
    )
    found = {"level": level, "focus": focus, "equipment": equipment, "minutes": minutes}
    return options, frozenset(name for name, value in found.items() if value is not None)
