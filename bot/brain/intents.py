"""Intent classification: a linear model over the shared TF-IDF features, trained at start-up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from bot.brain.features import Vector
from bot.brain.knowledge import ContentError, FieldReader
from bot.brain.text import normalise, tokens

THRESHOLDS_FILE = "thresholds.yaml"


@dataclass(frozen=True, slots=True)
class IntentDef:
    """One intent as defined in intents/<name>.yaml."""

    name: str
    description: str
    examples: tuple[str, ...]


class IntentClassifier:
    """Multinomial logistic regression: probabilities over intents, best first."""

    def __init__(self, c: float = 30.0, class_weight: str | None = None) -> None:
        self.c = c  # weak regularisation: the training phrases are few and deliberate
        self.class_weight = class_weight  # "balanced" weighs rare classes up

    def fit(self, features: sparse.csr_matrix, labels: Sequence[str]) -> IntentClassifier:
        """Train on already-vectorised example phrases (with scikit-learn)."""
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=self.c, max_iter=1000, tol=1e-3, class_weight=self.class_weight)
        model.fit(features, list(labels))
        self.classes_: list[str] = [str(c) for c in model.classes_]
        # Only the learned weights are kept: predict_proba re-validates its input on every
        # call, and a cached fit then loads without importing scikit-learn. rank() computes
        # the same softmax.
        self.coef_t_ = np.ascontiguousarray(model.coef_.T, dtype=np.float32)
        self.intercept_ = model.intercept_.astype(np.float32)
        return self

    def state(self) -> dict[str, np.ndarray]:
        """The learned weights as plain arrays."""
        return {"classes": np.asarray(self.classes_, dtype=str), "coef_t": self.coef_t_, "intercept": self.intercept_}

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> IntentClassifier:
        """Rebuild a fitted classifier from ``state()`` output."""
        self = cls()
        self.classes_ = [str(c) for c in state["classes"].tolist()]
        self.coef_t_ = np.ascontiguousarray(state["coef_t"], dtype=np.float32)
        self.intercept_ = np.asarray(state["intercept"], dtype=np.float32)
        return self

    def probabilities(self, vector: Vector) -> np.ndarray:
        """Class probabilities for one vectorised message, in ``classes_`` order."""
        logits = vector.values @ self.coef_t_[vector.indices] + self.intercept_
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        return probs

    def rank(self, vector: Vector) -> list[tuple[str, float]]:
        """(intent, probability) for one vectorised message, most likely first."""
        probs = self.probabilities(vector)
        order = np.argsort(-probs)
        return [(self.classes_[i], float(probs[i])) for i in order]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where answering stops and asking starts (from intents/thresholds.yaml)."""

    answer: float  # intent probability at or above which the bot answers outright
    clarify: float  # between clarify and answer the bot offers "Did you mean ..."
    min_gap: float  # top-1 minus top-2 probability below which the bot asks too
    retrieval: float  # lowest retrieval score accepted for a knowledge answer
    red_flag: float  # intent-classifier probability that opens an answer with the safety net
    red_flag_model: float = 1.0  # red-flag model probability that raises a possible red flag
    # the intent classifier's red_flag probability below which the model is not asked (it costs
    # a second vectorisation; no sign it catches scores this low)
    red_flag_model_gate: float = 0.0
    # red-flag model probability, below red_flag_model, that opens the answer with the safety net
    red_flag_model_net: float = 1.0


def _phrase_key(text: str) -> str:
    return " ".join(tokens(normalise(text)))


def build_intents(
    files: Mapping[str, object], folder: str = "intents", min_examples: int = 5
) -> tuple[tuple[IntentDef, ...], Thresholds]:
    """Validate parsed intents/*.yaml documents keyed by file name.

    Raises:
        ContentError: every problem, naming file, entry and field.
    """
    errors: list[str] = []
    intents: list[IntentDef] = []
    owner: dict[str, str] = {}
    for name in sorted(files):
        if name == THRESHOLDS_FILE:
            continue
        file = f"{folder}/{name}"
        r = FieldReader(errors, file, "intent", files[name])
        intent = r.text("intent")
        stem = name.rsplit(".", 1)[0]
        if intent and intent != stem:
            r.fail("intent", f"{intent!r} must match the file name {stem!r}")
        examples = r.texts("examples", min_items=min_examples)
        for i, example in enumerate(examples):
            key = _phrase_key(example)
            if key in owner and owner[key] != intent:
                r.fail(f"examples[{i}]", f"{example!r} is also an example of {owner[key]!r}")
            owner.setdefault(key, intent)
        intents.append(IntentDef(intent, r.text("description"), examples))
        r.check_unknown()
    thresholds = _thresholds(files.get(THRESHOLDS_FILE), f"{folder}/{THRESHOLDS_FILE}", errors)
    if not intents:
        errors.append(f"{folder}: no intent files")
    if errors or thresholds is None:
        raise ContentError(errors)
    return tuple(intents), thresholds


def _thresholds(raw: object, file: str, errors: list[str]) -> Thresholds | None:
    r = FieldReader(errors, file, "thresholds", raw)
    values: dict[str, float] = {}
    names = ("answer", "clarify", "min_gap", "retrieval", "red_flag", "red_flag_model", "red_flag_model_gate",
             "red_flag_model_net")
    for name in names:
        value = r.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            r.fail(name, "must be a number between 0 and 1")
        else:
            values[name] = float(value)
    if len(values) < len(names):
        return None
    if values["clarify"] > values["answer"]:
        r.fail("clarify", "must not be above answer")
        return None
    if values["red_flag_model_net"] > values["red_flag_model"]:
        r.fail("red_flag_model_net", "must not be above red_flag_model")
        return None
    return Thresholds(**values)
