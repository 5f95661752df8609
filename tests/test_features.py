"""The feature space reproduces scikit-learn's TF-IDF exactly, so a cached fit is trustworthy."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.brain.features import WORD_TOKEN, TextFeatures, char_wb_ngrams, word_ngrams

CORPUS = [
    "how do i do a superman",
    "exercises for my traps with a band",
    "what helps upper back pain?",
    "lat pulldown",
    "a b c",
    "glute bridge hold for 20 seconds",
]
QUERIES = CORPUS + ["supermn", "", "x" * 300, "traps?", "upper  back   band pull apart", "i", "zzz unknown words"]


@pytest.mark.parametrize("text", QUERIES)
def test_analyzers_match_scikit_learn(text: str) -> None:
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKEN).build_analyzer()
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    assert word_ngrams(text, 1, 2) == word(text)
    assert char_wb_ngrams(text, 2, 5) == char(text)


def test_transform_matches_scikit_learn_weights() -> None:
    features = TextFeatures(char_weight=0.5).fit(CORPUS)
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKEN, sublinear_tf=True).fit(CORPUS)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(CORPUS)
    ours = features.transform(QUERIES).toarray()
    theirs = np.hstack([word.transform(QUERIES).toarray(), char.transform(QUERIES).toarray()]) * np.sqrt(0.5)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_self_similarity_is_one_when_both_blocks_match() -> None:
    features = TextFeatures().fit(CORPUS)
    rows = features.transform(CORPUS)
    self_sim = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
    np.testing.assert_allclose(self_sim, 1.0, atol=1e-5)
    unknown = features.transform(["zzz qqq"])
    assert unknown.multiply(unknown).sum() <= 0.5 + 1e-6  # no known word: char block only


@pytest.mark.parametrize("columns", [[7], [3, 3, 3], [5, 1, 5, 2, 9, 1, 1], list(range(50, 0, -1)) * 2])
def test_counted_matches_numpy_unique(columns: list[int]) -> None:
    from bot.brain.features import _counted

    want_cols, want_counts = np.unique(np.asarray(columns, dtype=np.int32), return_counts=True)
    cols, counts = _counted(np.asarray(columns, dtype=np.int32))
    assert cols.tolist() == want_cols.tolist() and counts.tolist() == want_counts.tolist()
