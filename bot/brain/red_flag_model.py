"""A learned second opinion on red flags, for warning signs worded in ways the rules miss.

The rules in knowledge/safety.yaml understand negation and name the sign, but each new wording
style finds gaps in word patterns: phrasings written by outsiders before they read the rules
got 82-85% right. A TF-IDF classifier trained on labelled phrasings (knowledge/safety_examples/)
generalises better: trained on the first two example files it caught 129 of the 146 warning
signs of a third file it never saw (the rules of that time caught 120). It is the second
opinion, never the first: the rules speak first, and the model only raises a *possible* red
flag when it is confident, so an ordinary "my back aches" keeps its answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.brain.features import TextFeatures, sub_state
from bot.brain.intents import IntentClassifier
from bot.brain.model import Tier
from bot.brain.text import normalise

NONE = "none"
LABELS = (NONE, "emergency", "urgent")


@dataclass(frozen=True, slots=True)
class Assessment:
    """How likely a message describes a red flag, and the likelier tier if it does."""

    probability: float  # of any red flag, 0..1
    tier: Tier  # "emergency" or "urgent"


def parse_examples(files: Mapping[str, object], folder: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Labelled phrasings from parsed YAML files (each a list of {text, tier}).

    Returns:
        (text, label) pairs and the problems found, each naming file, entry and field.
    """
    examples: list[tuple[str, str]] = []
    errors: list[str] = []
    for name in sorted(files):
        where = f"{folder}/{name}"
        entries = files[name]
        if not isinstance(entries, list):
            errors.append(f"{where}: must be a list of {{text, tier}} entries")
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, Mapping):
                errors.append(f"{where}: [{i}]: must be a mapping with text and tier")
                continue
            text, tier = entry.get("text"), entry.get("tier")
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: [{i}].text: must be a non-empty string")
            if tier not in LABELS:
                errors.append(f"{where}: [{i}].tier: unknown value {tier!r}; expected one of {', '.join(LABELS)}")
            unknown = sorted(set(entry) - {"text", "tier"})
            if unknown:
                errors.append(f"{where}: [{i}]: unknown field {unknown[0]!r} (expected text, tier)")
            if isinstance(text, str) and text.strip() and tier in LABELS:
                examples.append((text, str(tier)))
    return examples, errors


class RedFlagModel:
    """Logistic regression over TF-IDF: none, emergency or urgent; fit once, assess per message."""

    def fit(self, examples: Sequence[tuple[str, str]]) -> RedFlagModel:
        """Train on (text, label) pairs; ordinary messages are labelled "none"."""
        texts = [normalise(text) for text, _ in examples]
        # char 3-4 grams rather than 2-5: a third cheaper per message, and on probe 3 one warning
        # sign fewer (129 of 146 against 130) at the same look-alike alarms
        self.features = TextFeatures(char_ngrams=(3, 4)).fit(texts)
        # balanced: ordinary messages outnumber warning signs, and a missed sign costs more
        self.classifier = IntentClassifier(c=10.0, class_weight="balanced").fit(
            self.features.transform(texts), [label for _, label in examples]
        )
        return self

    def state(self) -> dict[str, np.ndarray]:
        """What fitting learned, as plain arrays."""
        parts = {"features.": self.features.state(), "model.": self.classifier.state()}
        return {prefix + name: array for prefix, arrays in parts.items() for name, array in arrays.items()}

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> RedFlagModel:
        """Rebuild a fitted model from ``state()`` output."""
        self = cls()
        self.features = TextFeatures.from_state(sub_state(state, "features."))
        self.classifier = IntentClassifier.from_state(sub_state(state, "model."))
        return self

    def assess(self, text: str) -> Assessment:
        """The chance that already-normalised text describes a red flag, and its likelier tier."""
        probs = self.classifier.probabilities(self.features.vector(text))
        classes = self.classifier.classes_
        emergency = float(probs[classes.index("emergency")]) if "emergency" in classes else 0.0
        urgent = float(probs[classes.index("urgent")]) if "urgent" in classes else 0.0
        return Assessment(emergency + urgent, "emergency" if emergency >= urgent else "urgent")
