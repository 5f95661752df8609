"""One TF-IDF feature space (word and character n-grams) shared by intents and retrieval.

Fitting uses scikit-learn's TfidfVectorizer. What a fit learns is kept as plain data (a
vocabulary and IDF weights per analyzer), and transforming a message is done here with the
same analyzers and weighting, so that a fitted brain can be cached and loaded without
importing scikit-learn (its import alone costs over a second of cold start). A test checks
that ``transform`` matches TfidfVectorizer.transform to float precision.

Both the intent classifier and the knowledge index work on these vectors, so a message is
vectorised once per turn.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

WORD_TOKEN = r"(?u)\b\w+\b"  # keep one-letter words ("i", "a") that sklearn drops by default
_WORD_RE = re.compile(WORD_TOKEN)
_WHITE = re.compile(r"\s\s+")
MAX_CACHED_WORDS = 50_000  # bounded: a stream of random strings cannot grow it forever


def sub_state(state: Mapping[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    """The arrays of one fitted part of a saved state, their names without ``prefix``."""
    return {name[len(prefix) :]: array for name, array in state.items() if name.startswith(prefix)}


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    """Word n-grams as scikit-learn's 'word' analyzer makes them (text already lowercase)."""
    words = _WORD_RE.findall(text)
    grams = list(words) if low == 1 else []
    for n in range(max(low, 2), min(high, len(words)) + 1):
        grams += [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    return grams


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's 'char_wb' analyzer."""
    grams: list[str] = []
    for word in _WHITE.sub(" ", text).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            grams += [padded[i : i + n] for i in range(max(1, size - n + 1))]
            if size <= n:  # a short word yields itself once, whatever n
                break
    return grams


class _Space:
    """The learned part of one analyzer: vocabulary and IDF weights."""

    def __init__(
        self, vocabulary: dict[str, int], idf: np.ndarray, kind: str, ngrams: tuple[int, int], offset: int = 0
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float64)
        self.kind = kind
        self.ngrams = ngrams
        self.offset = offset  # where this block starts in the stacked vector
        self._by_word: dict[str, list[int]] = {}

    def columns(self, text: str) -> list[int]:
        """Stacked-vector column of every n-gram the fit saw (unseen ones are dropped)."""
        if self.kind == "word":
            get, offset = self.vocabulary.get, self.offset
            return [col + offset for col in map(get, word_ngrams(text, *self.ngrams)) if col is not None]
        # char_wb n-grams never cross a word boundary, so they are a function of the word:
        # cache them per word (people reuse the same few hundred words all the time)
        columns: list[int] = []
        low, high = self.ngrams
        for word in _WHITE.sub(" ", text).split():
            cached = self._by_word.get(word)
            if cached is None:
                found = map(self.vocabulary.get, char_wb_ngrams(word, low, high))
                cached = [col + self.offset for col in found if col is not None]
                if len(self._by_word) < MAX_CACHED_WORDS:
                    self._by_word[word] = cached
            columns += cached
        return columns


@dataclass(frozen=True, slots=True)
class Vector:
    """One message's features: sorted-free column indices and their weights."""

    indices: np.ndarray  # int32
    values: np.ndarray  # float32


_NO_COLS = np.zeros(0, dtype=np.int32)
_NO_VALS = np.zeros(0, dtype=np.float64)
_NO_VECTOR = Vector(_NO_COLS, _NO_VALS.astype(np.float32))


class TextFeatures:
    """Word (1-2 gram) and char_wb (2-5 gram) TF-IDF, each L2-normalised, weighted and stacked."""

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (2, 5),
        char_weight: float = 0.5,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.char_weight = char_weight  # share of the cosine coming from character n-grams

    def fit(self, texts: Sequence[str]) -> TextFeatures:
        """Learn both vocabularies and IDF weights from the corpus (with scikit-learn)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(analyzer="word", ngram_range=self.word_ngrams, token_pattern=WORD_TOKEN, sublinear_tf=True).fit(texts)
        # char_wb n-grams stay inside word boundaries: robust to typos and missing spaces
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, sublinear_tf=True).fit(texts)
        self._spaces(_Space(dict(word.vocabulary_), word.idf_, "word", self.word_ngrams), char.vocabulary_, char.idf_)
        return self

    def state(self) -> dict[str, np.ndarray]:
        """What the fit learned, as plain arrays (for a cache that needs no pickle)."""
        return {
            "word_vocab": _ordered_vocab(self.word_.vocabulary),
            "word_idf": self.word_.idf,
            "char_vocab": _ordered_vocab(self.char_.vocabulary),
            "char_idf": self.char_.idf,
            "params": np.asarray([*self.word_ngrams, *self.char_ngrams, self.char_weight], dtype=np.float64),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> TextFeatures:
        """Rebuild a fitted TextFeatures from ``state()`` output."""
        w_low, w_high, c_low, c_high, weight = state["params"].tolist()
        self = cls((int(w_low), int(w_high)), (int(c_low), int(c_high)), float(weight))
        self._spaces(_Space(_vocab(state["word_vocab"]), state["word_idf"], "word", self.word_ngrams), _vocab(state["char_vocab"]), state["char_idf"])
        return self

    def _spaces(self, word: _Space, char_vocabulary: Mapping[str, int], char_idf: np.ndarray) -> None:
        """Install both blocks; the character block's columns follow the word block's."""
        self.word_ = word
        self.char_ = _Space(dict(char_vocabulary), char_idf, "char_wb", self.char_ngrams, offset=len(word.vocabulary))
        self._idf = np.concatenate([word.idf, self.char_.idf])
        self._word_scale = math.sqrt(1.0 - self.char_weight)
        self._char_scale = math.sqrt(self.char_weight)

    @property
    def n_features(self) -> int:
        """Width of the stacked vectors."""
        return len(self.word_.vocabulary) + len(self.char_.vocabulary)

    def vector(self, text: str) -> Vector:
        """The features of one message (the per-message hot path: no scipy involved).

        Both blocks go through one count and one pass of array arithmetic: for a message's
        few hundred n-grams, per-call overhead is most of the cost, so fewer calls matter
        more than anything done inside them."""
        columns = self.word_.columns(text)
        columns += self.char_.columns(text)
        if not columns:
            return _NO_VECTOR
        cols, tf = _counted(np.fromiter(columns, dtype=np.int32, count=len(columns)))
        vals = (1.0 + np.log(tf)) * self._idf[cols]  # sublinear TF x IDF
        split = int(np.searchsorted(cols, self.char_.offset))
        for block, share in ((vals[:split], self._word_scale), (vals[split:], self._char_scale)):
            norm = float(block @ block)
            if norm > 0:  # each block L2-normalised, then weighted by its share (views: in place)
                block *= share / math.sqrt(norm)
        return Vector(cols, vals.astype(np.float32))

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """One row per text; each block is L2-normalised, so a dot product is the weighted
        mean of the word cosine and the character cosine."""
        rows = [self.vector(text) for text in texts]
        indptr = np.cumsum([0] + [len(r.indices) for r in rows])
        indices = np.concatenate([r.indices for r in rows]) if rows else _NO_COLS
        data = np.concatenate([r.values for r in rows]) if rows else _NO_VALS.astype(np.float32)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), self.n_features))


def _counted(columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct columns in ascending order (so the word block, below the offset, comes first)
    and how often each occurs: np.unique(return_counts=True) without its per-call overhead."""
    columns.sort()
    size = columns.size
    first = np.empty(size, dtype=bool)
    first[0] = True
    np.not_equal(columns[1:], columns[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.empty(starts.size, dtype=np.int64)
    counts[:-1] = starts[1:] - starts[:-1]
    counts[-1] = size - starts[-1]
    return columns[starts], counts


def _ordered_vocab(vocabulary: dict[str, int]) -> np.ndarray:
    terms = [""] * len(vocabulary)
    for term, col in vocabulary.items():
        terms[col] = term
    return np.asarray(terms, dtype=str)


def _vocab(terms: np.ndarray) -> dict[str, int]:
    return {term: col for col, term in enumerate(terms.tolist())}
