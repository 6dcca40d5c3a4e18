"""The key-word prefilter never hides a match: every match of every rule contains one of
its rule's key words, so skipping the rules whose key words a text lacks changes nothing.

Checked on the golden cases, on the property test's passage, and on phrases hypothesis
builds from the rules' own vocabulary in every case (lower, upper, title) and with the
non-ASCII letters Python's case-insensitive matching takes for ASCII ones.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.timex.patterns import RULES
from generator.timex.prefilter import KEYWORDS, active_rules, fold, has_keyword, windows
from generator.timex.tagger import find_timexes

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]
NAMES = [name for name, _rx, _handler in RULES]
# Every word the rules' regexes spell, numbers, years and shapes of dates and times.
WORDS = sorted(
    {
        w
        for _name, rx, _handler in RULES
        for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\(\?P<\w+>|\\[A-Za-z]", " ", rx.pattern))
    }
)
TOKENS = [*WORDS, "1", "12", "31", "1990", "2020", "'99", "1990s", "'80s", "20th", "Q4", "12:00"]
TOKENS += ["10.11.2020", "2/29/2024", "2021-02-28", "p.m.", "a.m.", ",", ".", "(", ")", "'"]


def _every_match_has_a_keyword(text: str) -> None:
    for name, rx, _handler in RULES:
        for m in rx.finditer(text):
            assert has_keyword(fold(m.group()), KEYWORDS[name]), (name, m.group())


def test_every_rule_has_key_words() -> None:
    assert sorted(KEYWORDS) == sorted(NAMES)
    assert all(KEYWORDS[name] for name in NAMES)


def test_golden_cases() -> None:
    for path in CASES.glob("*.yml"):
        _every_match_has_a_keyword(yaml.safe_load(path.read_text(encoding="utf-8"))["text"])


def test_folding_is_what_case_insensitive_matching_compares() -> None:
    # the Kelvin sign, long s and dotted I match k, s and i under (?i)
    assert fold("WEE\u212a \u0130N \u017fPRING") == "week in spring"


def test_a_text_without_key_words_runs_few_rules() -> None:
    active = [NAMES[i] for i in active_rules("The minister spoke to reporters.", NAMES)]
    assert "weekday" not in active and "season" not in active and "ago" not in active
    assert find_timexes("The minister spoke to reporters.", anchor=dt.date(2020, 1, 1)) == []


_CASED = st.sampled_from(TOKENS).flatmap(
    lambda w: st.sampled_from(
        [w, w.lower(), w.upper(), w.title(), w.replace("k", "\u212a").replace("s", "\u017f")]
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(_CASED, min_size=1, max_size=10),
    separators=st.lists(st.sampled_from([" ", " ", ", ", "-", "\n", "", "  "]), min_size=10),
)
def test_phrases_from_the_rules_vocabulary(words: list[str], separators: list[str]) -> None:
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    _every_match_has_a_keyword(text)


def _articles() -> list[str]:
    """Real texts: the seeds, the development corpus and the golden cases."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("eval/dev/articles/*/*"))]
    texts += [yaml.safe_load(p.read_text(encoding="utf-8"))["text"] for p in CASES.glob("*.yml")]
    return texts


def test_a_scan_of_the_windows_finds_what_a_scan_of_the_text_finds() -> None:
    texts = _articles()
    assert len(texts) > 100
    scanned = covered = 0
    for text in texts:
        folded = fold(text)
        for index in active_rules(text, NAMES):
            name, rx, _handler = RULES[index]
            spans = windows(name, text, folded)
            whole = [m.span() for m in rx.finditer(text)]
            assert [m.span() for a, b in spans for m in rx.finditer(text, a, b)] == whole, name
            scanned += len(text)
            covered += sum(b - a for a, b in spans)
    assert covered < 0.8 * scanned  # the windows leave much of the text unread


def test_a_text_whose_folding_changes_its_length_is_read_whole() -> None:
    text = "\u0130stanbul, 12 March 2020"  # dotted capital I: lower() makes it two characters
    assert windows("date_dmy", text, text.lower()) == [(0, len(text))]
