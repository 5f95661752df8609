"""Finds the exercise a user describes instead of naming ("lie on your back and push your hips up").

Each exercise's ``described_as`` lines are reduced to *concepts*: content words, lightly
stemmed and folded with their everyday synonyms (belly/stomach/tummy, bum/butt/hips, chair/
sitting), and a few phrases that carry a position ("on my back", "on all fours"). A concept is
a **setup** (how the body is placed or what it holds: lying on the back, seated, a cable), an
**action** (lift, pull, twist, hug) or any other word (body parts, the floor, the ceiling).

A description fits a message when the message shares its movement (an action) and either its
setup or most of the description, and when the shared concepts, weighted by how rare they are
across exercises, cover enough of both the description and the message. The best exercise must
also clearly beat the runner-up. A wrong match sends a user the wrong exercise, so every rule
leans towards answering None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from bot.brain.knowledge import Knowledge
from bot.brain.text import tokens

# Positions said as phrases. "on my back" is a position; "my back hurts" is not, so the bare
# word "back" is dropped (below) and only these phrases make it a concept.
_OWNER = r"(?:my |your |ur |yr |yer |ya |the |his |her |their |ones |one's )?"
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"\b(?:on|onto|flat on) {_OWNER}back\b(?! of)", "supine"),
    (r"\bface ?-?up\b", "supine"),
    (rf"\b(?:on|onto|flat on) {_OWNER}(?:belly|stomach|stomache|stomch|tummy|tum|front)\b", "prone"),
    (r"\b(?:face|belly|stomach|tummy) ?-?down\b", "prone"),
    (r"\ball ?(?:fours|4s|4|four)\b", "fours"),
    (r"\b(?:hands (?:and|n|&) knees|knees (?:and|n|&) hands)\b", "fours"),
    (r"\btable ?top\b", "fours"),
    (rf"\bon {_OWNER}(?:elbows|forearms|forarms|elbow|forearm)\b", "forearm"),
    (r"\b(?:push|press) ?-?ups?\b", "pushup"),
    (r"\bshoulder ?-?blades?\b", "blade"),
    (r"\bstraight ?-?arms?\b|\barms? (?:straight|locked)\b", "straightarm"),
    (r"\bupper ?-?body\b", "torso"),
    # "lower back" and "upper back" name where it hurts, not a movement ("lower" the weight)
    (r"\b(?:lower|upper|middle|mid) ?-?back\b", " "),
)
_PHRASE_RE = re.compile("|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(_PHRASES)))
_PHRASE_CONCEPT = {f"p{i}": f" {concept} " for i, (_, concept) in enumerate(_PHRASES)}

# concept -> everyday words for it (each also matched through the stemmer: "lifting" -> lift)
_SETUPS: dict[str, tuple[str, ...]] = {
    "supine": ("supine",),
    "prone": ("prone",),
    "fours": ("fours", "crawl", "crawling"),
    "lie": ("lie", "lying", "lay", "laying", "laid", "lays", "lies", "layin", "lyin"),
    "seated": ("seated", "sit", "sitting", "sat", "chair", "sittin", "stool"),
    "stand": ("stand", "standing", "stood", "standin"),
    "kneel": ("kneel", "kneeling", "knelt"),
    "bench": ("bench", "benches"),
    "machine": ("machine", "gym", "sled", "roman"),
    "cable": ("cable", "cables", "pulley"),
    "band": ("band", "bands", "elastic", "theraband", "resistance"),
    "bar": ("bar", "barbell", "bars"),
    "dumbbell": ("dumbbell", "dumbell", "dumbells", "dumbbells", "db", "weight", "weights", "kettlebell"),
    "rope": ("rope", "ropes"),
    "pad": ("pad", "pads"),
    "anchor": ("anchor", "anchored", "door", "post", "tied", "fixed"),
    "pushup": ("pushup", "pushups", "pressup"),
    "forearm": ("forearm", "forearms", "forarms"),
    "hang": ("hang", "hanging", "hung", "dangle", "dangling"),
}
_ACTIONS: dict[str, tuple[str, ...]] = {
    "lift": ("lift", "raise", "raising", "pick", "picking", "heave", "hoist"),
    "push": ("push", "press", "pressing", "drive", "shove"),
    "pull": ("pull", "draw", "drawing", "tug", "yank", "drag", "pul", "pulll"),
    "squeeze": ("squeeze", "pinch", "retract", "clench", "squeze", "sqeeze", "squeez"),
    "twist": ("twist", "turn", "rotate", "rotating", "rotation", "twisting", "turning"),
    "arch": ("arch", "dip", "sink", "sag", "arching"),
    "round": ("round", "rounding", "curve", "curving", "hunch", "hump"),
    "hug": ("hug", "hugging", "cuddle", "clasp", "grab"),
    "hold": ("hold", "holding", "stay", "staying", "static", "held"),
    "bend": ("bend", "bent", "bending", "hinge", "bow", "bowing", "lean", "leaning", "fold", "folding", "tilt"),
    "march": ("march", "marching", "step", "stepping"),
    "shrug": ("shrug", "shrugging"),
    "row": ("row", "rowing", "rows"),
    "straighten": ("straighten", "straightening", "kick", "kicking", "extend"),
    "fly": ("fly", "flying", "flies"),
    "stretch": ("stretch", "stretching"),
    "reach": ("reach", "reaching", "touch"),
    "sweep": ("sweep", "sweeping", "arc"),
}
_OTHERS: dict[str, tuple[str, ...]] = {
    "hip": ("hip", "hips", "bum", "butt", "booty", "glute", "glutes", "pelvis", "backside", "arse", "ass"),
    "stomach": ("stomach", "belly", "tummy", "abdomen", "abs", "navel", "waist"),
    "torso": ("torso", "trunk", "chest"),
    "knee": ("knee", "knees", "kne"),
    "arm": ("arm", "arms", "armz"),
    "leg": ("leg", "legs", "thigh", "thighs"),
    "blade": ("blade", "blades", "scapula", "scapulae", "scapulas", "scap", "scaps"),
    "shoulder": ("shoulder", "shoulders"),
    "head": ("head", "neck"),
    "face": ("face", "forehead", "nose", "eyes"),
    "ear": ("ear", "ears"),
    "elbow": ("elbow", "elbows"),
    "foot": ("foot", "feet", "toe", "toes", "heel", "heels"),
    "rib": ("rib", "ribs", "ribcage"),
    "chin": ("chin",),
    "ceiling": ("ceiling", "sky", "roof"),
    "floor": ("floor", "ground", "mat"),
    "spine": ("spine", "spinal"),
    "side": ("side", "sides"),
    "straightarm": ("straightarm",),
}

# Words that say nothing about the movement. "back" is here on purpose: "my back hurts" must
# not count as a position (see _PHRASES), and "come back up" is not a body part.
_STOPWORDS = frozenset(
    ["a", "about", "above", "across", "after", "again", "against", "all", "along", "also", "am", "an", "and", "any", "are", "around", "as", "at", "away", "be", "been", "before", "behind", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "each", "else", "every", "few", "for", "from", "get", "gets", "getting", "go", "goes", "going", "got", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "i'm", "if", "im", "in", "into", "is", "it", "it's", "its", "just", "keep", "keeping", "let", "letting", "like", "little", "me", "more", "most", "my", "myself", "no", "not", "now", "of", "off", "on", "once", "one", "only", "onto", "or", "other", "our", "out", "over", "own", "same", "she", "should", "slowly", "small", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "thing", "this", "those", "through", "till", "time", "to", "together", "too", "towards", "toward", "u", "under", "until", "up", "upon", "ur", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "ya", "yer", "you", "your", "back", "lower", "lowering", "upper", "again", "bit", "bring", "bringing", "come", "coming", "tall", "little", "start", "front", "place", "put", "way", "straight", "flat", "hand", "hands", "opposite", "other", "another", "end", "ends", "close", "slightly", "position", "pose", "wide", "high", "soft", "height", "heavy", "gently", "one's", "ones"]
)

MIN_SCORE = 0.55  # the harmonic mean of description and message coverage a fit needs
MIN_COVERAGE = 0.5  # of its description's weight a message must cover at the least
NO_SETUP_COVERAGE = 0.75  # without the description's setup, it must cover nearly all of it
MARGIN = 0.1  # how far the best exercise must lead the runner-up


def _stem(word: str) -> str:
    """A light stemmer, enough to meet 'lifting', 'lifts' and 'lifted' at 'lift'."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]  # hugg -> hug, sitt -> sit; pull and press keep theirs
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # raise and raising both -> rais
    return word


def _fold_phrases(text: str) -> str:
    return _PHRASE_RE.sub(lambda m: _PHRASE_CONCEPT[m.lastgroup or ""], text)


class DescriptionMatcher:
    """Maps a message that describes an exercise to that exercise; built once from Knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._words: dict[str, str] = {}  # surface word -> concept
        self._stems: dict[str, str] = {}  # stem -> concept, for inflections nobody listed
        self._setups = frozenset(_SETUPS)
        self._actions = frozenset(_ACTIONS)
        for table in (_SETUPS, _ACTIONS, _OTHERS):
            for concept, words in table.items():
                for word in (concept, *words):
                    self._words[word] = concept
                    self._stems.setdefault(_stem(word), concept)

        owners: list[str] = []  # exercise id of each description
        described: list[frozenset[str]] = []
        for exercise in knowledge.exercises.values():
            for description in exercise.described_as:
                concepts = frozenset(self._learn(description))
                if concepts:
                    owners.append(exercise.id)
                    described.append(concepts)
        # a concept that several exercises share tells them apart less: inverse document
        # frequency over exercises, not descriptions, so three lines of one exercise saying
        # "chair" do not make "chair" look common
        n_exercises = max(len(set(owners)), 1)
        holders: dict[str, set[str]] = {}
        for owner, concepts in zip(owners, described):
            for concept in concepts:
                holders.setdefault(concept, set()).add(owner)
        self._weight = {c: 1.0 + math.log(n_exercises / len(h)) for c, h in holders.items()}
        self._owners = owners
        self._described = described
        self._totals = [sum(self._weight[c] for c in concepts) for concepts in described]
        self._vocabulary: dict[str, frozenset[str]] = {}  # exercise -> all its concepts
        for owner, concepts in zip(owners, described):
            self._vocabulary[owner] = self._vocabulary.get(owner, frozenset()) | concepts
        self._postings: dict[str, list[int]] = {}
        for i, concepts in enumerate(described):
            for concept in concepts:
                self._postings.setdefault(concept, []).append(i)

    def _learn(self, description: str) -> Iterable[str]:
        """Concepts of one description; its content words join the vocabulary."""
        for word in tokens(_fold_phrases(description.lower())):
            if word in _STOPWORDS:
                continue
            concept = self._concept(word)
            if concept is None:
                concept = _stem(word)
                self._words[word] = concept
                self._stems.setdefault(concept, concept)
            yield concept

    def _concept(self, word: str) -> str | None:
        concept = self._words.get(word)
        if concept is None and len(word) > 3:
            concept = self._stems.get(_stem(word))
        return concept

    def concepts(self, text: str) -> frozenset[str]:
        """The known concepts of already-normalised text (for tests and debugging)."""
        found = (self._concept(w) for w in tokens(_fold_phrases(text)) if w not in _STOPWORDS)
        return frozenset(c for c in found if c is not None and c in self._weight)

    def match(self, text: str) -> tuple[str, float] | None:
        """The exercise id the normalised text describes and a 0..1 score, or None.

        None when no description fits well enough or two exercises fit about equally.
        """
        seen = self.concepts(text)
        if not seen & self._actions:  # most messages: no movement, nothing to describe
            return None
        seen_weight = sum(self._weight[c] for c in seen)
        shared: dict[int, float] = {}
        for concept in seen:
            for i in self._postings[concept]:
                shared[i] = shared.get(i, 0.0) + self._weight[concept]

        best: dict[str, tuple[float, int]] = {}  # exercise -> its best fitting description
        rival: dict[str, float] = {}  # exercise -> its best overlap, fitting or not
        for i, weight in shared.items():
            coverage = weight / self._totals[i]  # how much of the description the text says
            explained = weight / seen_weight  # how much of the text the description explains
            score = 2 * coverage * explained / (coverage + explained)
            owner = self._owners[i]
            rival[owner] = max(rival.get(owner, 0.0), score)
            if score > best.get(owner, (0.0, -1))[0] and self._fits(seen & self._described[i], coverage):
                best[owner] = (score, i)
        if not best:
            return None
        exercise_id, (score, i) = max(best.items(), key=lambda item: item[1][0])
        common = seen & self._described[i]
        if any(common <= words for x, words in self._vocabulary.items() if x != exercise_id):
            # all the text shares with the winner, another exercise says too ("lying on my
            # stomach and lifting": superman or back extension): it does not tell them apart
            return None
        # the runner-up need not fit: "bend forward standing" fits the good morning but says
        # nothing that the forward bend does not, so neither is the answer
        runner_up = max((s for x, s in rival.items() if x != exercise_id), default=0.0)
        if score < MIN_SCORE or score - runner_up < MARGIN:
            return None
        return exercise_id, round(score, 3)

    def _fits(self, common: frozenset[str], coverage: float) -> bool:
        """Whether the shared concepts make a description fit: its movement, and its setup or most of it."""
        if coverage < MIN_COVERAGE or not common & self._actions:
            return False
        return bool(common & self._setups) or coverage >= NO_SETUP_COVERAGE
