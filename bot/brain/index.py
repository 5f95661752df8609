"""Retrieval over the knowledge base: TF-IDF cosine blended with fuzzy name matches.

Each entry is indexed as several short "views" (its name, each alias, each FAQ phrasing, its
summary...) and scores as its best view: a short question matches a short phrasing far
better than it matches a long answer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from bot.brain.features import TextFeatures, Vector
from bot.brain.knowledge import Knowledge
from bot.brain.text import normalise


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked knowledge entry with its blended score in 0..1."""

    id: str
    score: float


def entry_views(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(entry id, text) pairs: the short texts each entry is found by."""
    views: list[tuple[str, str]] = []
    for x in knowledge.exercises.values():
        views += [(x.id, v) for v in (x.name, *x.aliases, x.summary)]
    for m in knowledge.muscles.values():
        views += [(m.id, v) for v in (m.name, *m.aliases, m.location, m.function)]
    for t in knowledge.topics.values():
        views += [(t.id, v) for v in (t.title, *t.phrasings)]
    for a in knowledge.areas.values():
        views += [(a.id, v) for v in (a.name, *a.aliases, a.summary)]
    return [(entry_id, normalise(text)) for entry_id, text in views]


class KnowledgeIndex:
    """Ranks knowledge entries for a message; fit once, search per message."""

    def __init__(self, fuzzy_weight: float = 0.3) -> None:
        self.fuzzy_weight = fuzzy_weight  # share of the score from a fuzzy name match

    def fit(self, views: Sequence[tuple[str, str]], features: TextFeatures) -> KnowledgeIndex:
        """Vectorise every view; views of one entry must be contiguous."""
        ids = [entry_id for entry_id, _ in views]
        self.ids_ = list(dict.fromkeys(ids))
        starts = [i for i, entry_id in enumerate(ids) if i == 0 or ids[i - 1] != entry_id]
        if len(starts) != len(self.ids_):
            raise ValueError("views of one entry must be contiguous")
        self.starts_ = np.asarray(starts)
        self.row_ = {entry_id: i for i, entry_id in enumerate(self.ids_)}
        self._set_matrix(features.transform([text for _, text in views]).T.tocsr())
        return self

    _memo: tuple[Vector, np.ndarray] | None = None  # the last message's per-entry cosines

    def _set_matrix(self, matrix_t: sparse.csr_matrix) -> None:
        self.matrix_t_ = matrix_t  # features x views, sparse: what the cache stores
        # dense for searching: a message's few hundred features select rows directly
        # (features x views x 4 bytes: a few tens of MB for a curated knowledge base)
        self.dense_t_ = matrix_t.astype(np.float32).toarray()

    def state(self) -> dict[str, np.ndarray]:
        """The fitted index as plain arrays."""
        m = self.matrix_t_
        return {
            "ids": np.asarray(self.ids_, dtype=str),
            "starts": self.starts_,
            "data": m.data,
            "indices": m.indices,
            "indptr": m.indptr,
            "shape": np.asarray(m.shape),
            "fuzzy_weight": np.asarray([self.fuzzy_weight]),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> KnowledgeIndex:
        """Rebuild a fitted index from ``state()`` output."""
        self = cls(float(state["fuzzy_weight"][0]))
        self.ids_ = [str(i) for i in state["ids"].tolist()]
        self.starts_ = np.asarray(state["starts"])
        self.row_ = {entry_id: i for i, entry_id in enumerate(self.ids_)}
        shape = tuple(int(n) for n in state["shape"])
        self._set_matrix(sparse.csr_matrix((state["data"], state["indices"], state["indptr"]), shape=shape))
        return self

    def search(
        self,
        vector: Vector,
        named: Collection[str] = (),
        related: Collection[str] = (),
        only: Collection[str] | None = None,
        k: int = 3,
    ) -> list[Hit]:
        """The k best entries for a vectorised message, best first.

        ``named`` are the entries the message names (fuzzy alias matches) and get the full
        fuzzy weight; ``related`` entries (linked to what it names) get half; ``only`` restricts
        results to ids with one of the given prefixes (e.g. ``("faq.", "topic.")``).
        """
        memo = self._memo  # one tuple, read once: safe if another thread replaces it
        if memo is not None and memo[0] is vector:
            best = memo[1]  # a handler often searches the same message more than once
        else:
            cosine = vector.values @ self.dense_t_[vector.indices]
            best = np.maximum.reduceat(cosine, self.starts_) if cosine.size else cosine
            self._memo = (vector, best)
        w = self.fuzzy_weight
        scores = (1 - w) * best
        for ids, weight in ((named, w), (related, w / 2)):
            for entry_id in ids:
                row = self.row_.get(entry_id)
                if row is not None:
                    scores[row] += weight
        order = np.argsort(-scores)
        hits: list[Hit] = []
        for i in order:
            entry_id = self.ids_[i]
            if only is None or entry_id.startswith(tuple(only)):
                hits.append(Hit(entry_id, float(min(1.0, scores[i]))))
                if len(hits) == k:
                    break
        return hits
