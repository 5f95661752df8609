"""Whether a message reports back pain, and where: "my lower back is killing me".

A pain complaint changes what the right answer is. "exercises for my lower back" asks for a
list; "my lower back aches, what helps?" asks the article's question "what helps lower back
pain", whose answer starts gently and says to stop if the pain gets worse. This module only
reads the words; which knowledge entry answers each part's pain is content (a topic's
``pain`` field).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# What people say when something hurts, in the forms they type it.
_PAIN = re.compile(
    r"\b(?:pain(?:s|ful)?|hurt(?:s|ing)?|ache(?:s|d)?|aching|achy|sore(?:ness)?|stiff(?:ness)?|"
    r"tight(?:ness)?|killing me|killin me|kills|killing|lbp|twinge(?:s)?|niggle(?:s)?|niggling|niggly|agony|throbbing|backache|backaches|bad back|"
    r"pulled|tweaked|put my back out|in bits|playing up|seized(?: up)?|seizing up|locked up|spasms?|in spasm|"
    r"cranky|grumbly|grumpy|wrecked|tender|tension|tense|flared up|flare up|flaring up|"
    # the misspellings people type
    r"akes?|aking|akey|achey|hurtin|painfull|soar)\b"
)
# A pain word in the reach of one of these is denied, not reported ("no pain, just want it
# stronger", "not sore", "doesn't hurt"). The reach is short: "no numbness, my back hurts"
# still reports pain.
_DENIAL = re.compile(r"\b(?:no|not|without|never|nothing|isnt|doesnt|dont|wasnt|arent|free of|zero)\b")
_DENIAL_REACH = 3  # words before the pain word
_CLAUSE_END = re.compile(r"[,.;:!?]|\b(?:but|just|only|though|although|except)\b")
_PAIN_FREE = re.compile(r"\bpain ?free\b|\bpainless\b")
# Words that put the pain in the back when no part of it is named.
_BACK = re.compile(r"\b(?:back|backache|backaches|spine|spinal)\b")
# Parts of the body BackCoach's guide does not cover. Hips, legs, neck and shoulders are left
# out on purpose: their pain is often the back's (and legs are a red-flag matter for triage).
_ELSEWHERE = re.compile(
    r"\b(knee|knees|wrist|wrists|ankle|ankles|elbow|elbows|foot|feet|hand|hands|finger|fingers|"
    r"thumb|thumbs|toe|toes|heel|heels|shin|shins|jaw|tooth|teeth|ear|ears|eye|eyes|throat|"
    r"stomach|head|headache|headaches|migraine|migraines|achilles|calf|calves)\b"
)


def pain_area(text: str, areas: Sequence[str]) -> str | None:
    """The part of the back whose pain the message reports, or None.

    Args:
        text: the normalised message (lowercase, no apostrophes).
        areas: the areas it names, in order ("lower", "upper", "core").
    Returns:
        The first area named when a pain word is reported and not denied, "back" when the
        pain is in the back with no part named, None when no back pain is reported.
    """
    if not any(_affirmed(text, m) for m in _PAIN.finditer(text)):
        return None
    if areas:
        return areas[0]
    return "back" if _BACK.search(text) else None


# Conditions and injuries of other parts, named without a pain word: "shin splints from running,
# any tips", "pulled my hamstring sprinting". The group is what the reply calls it.
_CONDITION_ELSEWHERE = re.compile(
    r"\b(shin splints|plantar fasciitis|tennis elbow|golfers elbow|carpal tunnel|runners knee|jumpers knee"
    r"|rotator cuff|frozen shoulder)\b"
    r"|\b(?:sprained|twisted|rolled|pulled|torn|strained|tore|pulled a|strained a) (?:my )?"
    r"(ankle|hamstring|quad|calf|groin muscle)\b"
    r"|\b(knee|ankle|wrist|elbow|acl|meniscus) (?:rehab|rehabilitation|surgery|replacement|reconstruction|op|operation)\b"
)


def pain_elsewhere(text: str) -> str | None:
    """The body part the message reports pain in when that part is not the back, else None.

    "my knee hurts when i run" -> "knee": the guide has nothing for it, and saying so (and
    who can help) beats listing back exercises.
    """
    if _BACK.search(text):
        return None
    condition = _CONDITION_ELSEWHERE.search(text)
    if condition is not None:
        return next(group for group in condition.groups() if group)
    if not any(_affirmed(text, m) for m in _PAIN.finditer(text)):
        return None
    part = _ELSEWHERE.search(text)
    return part.group(1) if part is not None else None


def mentions_back(text: str) -> bool:
    """Whether normalised text speaks of the back or spine at all."""
    return _BACK.search(text) is not None


def mentions_pain(text: str) -> bool:
    """Whether normalised text reports a pain anywhere, in the back or not ("twisting hurts")."""
    return any(_affirmed(text, m) for m in _PAIN.finditer(text))


def _affirmed(text: str, match: re.Match[str]) -> bool:
    if _PAIN_FREE.match(text, match.start()):
        return False
    # a denial reaches back only within its clause: "no chills, just achy" reports the ache
    clause = _CLAUSE_END.split(text[: match.start()])[-1]
    before = clause.replace("'", "").split()[-_DENIAL_REACH:]
    return not any(_DENIAL.fullmatch(word) for word in before)


# Words that add nothing to a report of back pain: who, how much, since when, and asking for help.
# Night, lying down, falls and the like are not among them: with back pain they are warning signs.
_NOTHING_MORE = frozenset(
    ["my", "i", "im", "ive", "me", "have", "has", "had", "been", "is", "are", "was", "am", "the", "a", "an", "so", "really", "very", "bad", "badly", "help", "please", "pls", "plz", "what", "whats", "can", "could", "do", "does", "for", "it", "its", "and", "of", "in", "at", "on", "just", "still", "all", "this", "that", "some", "lot", "lots", "much", "kinda", "bit", "little", "quite", "super", "too", "lower", "upper", "low", "mid", "middle", "whole", "again", "today", "yesterday", "since", "ago", "week", "weeks", "day", "days", "month", "months", "year", "years", "morning", "now", "always", "constantly", "ugh", "lol", "omg"]
) | frozenset(
    # greetings and fillers around the complaint ("hello there, my back hurts")
    ["hello", "hi", "hey", "hiya", "there", "coach", "um", "well", "ok", "okay", "yeah", "oh", "guys", "everyone"]
)
_WORD = re.compile(r"[a-z0-9']+")


def says_more_than_back_pain(text: str) -> bool:
    """Whether normalised text says anything besides that the back hurts.

    Every red flag is back pain *and* something else (numbness, a fall, fever...), so a message
    that is back pain and nothing more ("my back hurts", "lower back pain again") cannot be one,
    however strongly a model trained on warning signs, nearly all of which mention back pain,
    associates its words with them.
    """
    rest = _BACK.sub(" ", _PAIN.sub(" ", text))
    return any(word not in _NOTHING_MORE for word in _WORD.findall(rest))
