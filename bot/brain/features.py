"""One TF-IDF feature space (word and character n-grams) shared by intents and retrieval.

Both the intent classifier and the knowledge index work on the same vectors, so a message is
vectorised once per turn: that is most of the per-message cost.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


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
        """Learn both vocabularies and IDF weights from the corpus."""
        self.word_ = TfidfVectorizer(
            analyzer="word",
            ngram_range=self.word_ngrams,
            token_pattern=r"(?u)\b\w+\b",  # keep one-letter words: "i", "a"
            sublinear_tf=True,
            dtype=np.float32,
        ).fit(texts)
        # char_wb n-grams only inside word boundaries: robust to typos and missing spaces
        self.char_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngrams,
            sublinear_tf=True,
            dtype=np.float32,
        ).fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Rows with unit L2 norm when non-empty, so dot products are cosines."""
        word = self.word_.transform(texts) * np.float32(np.sqrt(1.0 - self.char_weight))
        char = self.char_.transform(texts) * np.float32(np.sqrt(self.char_weight))
        return sparse.hstack([word, char], format="csr")

    @property
    def n_features(self) -> int:
        """Width of the stacked vectors."""
        return len(self.word_.vocabulary_) + len(self.char_.vocabulary_)
