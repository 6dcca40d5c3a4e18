"""The names an article in another language gives, each with what it stands for.

- names and aliases of actor records, in any script, with their endings ("Путина" is the
  record "Vladimir Putin" whose alias is "Путин");
- country and capital names of the article's language from CLDR
  (``generator.world_names``): the mention keeps its own spelling as an alias and carries
  the English name as what it stands for ("России" -> Russia);
- in languages that capitalise only names (Russian, French, Turkish ...): runs of
  capitalised words that do not open the sentence, and quoted capitalised names («Пикник»);
  in every language with role words: the capitalised words after a role ("Präsident
  Wladimir Putin"). A run is a person after a role word or when it has two or three words,
  an organisation when its last word is one (``org_words``: "суд", "Mahkemesi").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.languages import Language, language, tokens
from generator.model import Mentioned
from generator.world_names import place_names

# Scripts whose languages write every noun with a capital, or have no capitals at all:
# there a capital does not mark a name.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}


@dataclass(frozen=True)
class _Entry:
    keys: tuple[str, ...]  # each word's comparable form
    label: str
    ent_id: str = ""
    long_form: str = ""
    capitalised: bool = True


@dataclass(frozen=True)
class Name:
    """A name found in a sentence: where, and the entity it is."""

    start: int
    end: int
    mentioned: Mentioned


class NameFinder:
    """Finds the names of one language's texts, from actor records and CLDR."""

    def __init__(self, code: str, patterns: Iterable[Mapping[str, Any]] = ()) -> None:
        self.lang = language(code)
        self.code = code
        self._by_first: dict[str, list[_Entry]] = {}
        for pattern in patterns:
            text = pattern.get("pattern")
            if isinstance(text, str) and pattern.get("id"):
                self._add(text, str(pattern.get("label") or "ORG"), ent_id=str(pattern["id"]))
        for place in place_names(code):
            self._add(place.name, "GPE", long_form=place.english)
        self.roles = _phrases(self.lang, self.lang.words("roles"))
        self.org_words = _phrases(self.lang, self.lang.words("org_words"))

    def _add(self, text: str, label: str, *, ent_id: str = "", long_form: str = "") -> None:
        words = [w for _, _, w in tokens(text)]
        if not words:
            return
        entry = _Entry(
            tuple(self.lang.key(w) for w in words),
            label,
            ent_id,
            long_form,
            words[0][:1].isupper(),
        )
        self._by_first.setdefault(entry.keys[0][:2], []).append(entry)

    def _match(
        self, keys: Sequence[tuple[str, ...]], words: Sequence[str], i: int
    ) -> _Entry | None:
        """The longest entry whose words start at word i."""
        best: _Entry | None = None
        for key in keys[i]:
            for entry in self._by_first.get(key[:2], ()):
                n = len(entry.keys)
                if best is not None and n <= len(best.keys) or i + n > len(keys):
                    continue
                if entry.capitalised and words[i][:1].islower():
                    continue  # "мир" is not "Мир", "fas" is not "Fas"
                if all(
                    any(self.lang.same_word(k, e) for k in keys[i + m])
                    for m, e in enumerate(entry.keys)
                ):
                    best = entry
        return best

    def find(self, text: str, start: int, end: int) -> list[Name]:
        """The names in text[start:end] (a sentence), in order."""
        toks = [(s + start, e + start, w) for s, e, w in tokens(text[start:end])]
        words = [w for _, _, w in toks]
        keys = [self.lang.keys(w) for w in words]
        found: list[Name] = []
        i = 0
        while i < len(toks):
            entry = self._match(keys, words, i)
            if entry is not None:
                n = len(entry.keys)
                found.append(self._name(text, toks, i, n, entry))
                i += n
                continue
            run = self._run(toks, words, keys, i)
            if run:
                found.append(self._guess(text, toks, keys, i, run))
                i += run
                continue
            i += 1
        return found

    def _name(
        self, text: str, toks: Sequence[tuple[int, int, str]], i: int, n: int, entry: _Entry
    ) -> Name:
        surface = text[toks[i][0] : toks[i + n - 1][1]]
        place = self._locative(toks, i) and entry.label in ("GPE", "LOC", "FAC")
        mentioned = Mentioned(
            surface, entry.label, "", entry.ent_id, not place, place, entry.long_form
        )
        return Name(toks[i][0], toks[i + n - 1][1], mentioned)

    def _locative(self, toks: Sequence[tuple[int, int, str]], i: int) -> bool:
        """In, at, near: the name is where something happened (Turkish: a locative suffix)."""
        word = toks[i][2]
        if self.lang.data.get("suffixes"):
            return any(word.endswith(f"{a}{s}") for a in "'’" for s in ("da", "de", "ta", "te"))
        before = self.lang.key(toks[i - 1][2]) if i > 0 else ""
        return before in {self.lang.key(w) for w in self.lang.words("locative")}

    def _starts_name(self, word: str) -> bool:
        return word[:1].isupper() and any(ch.isalpha() for ch in word)

    def _run(
        self,
        toks: Sequence[tuple[int, int, str]],
        words: Sequence[str],
        keys: Sequence[tuple[str, ...]],
        i: int,
    ) -> int:
        """How many capitalised words make a name at word i (0: none)."""
        after_role = i > 0 and _phrase_at(self.lang, self.roles, keys, i - 1, backwards=True)
        if self.code in _NOUNS_CAPITALISED and not after_role:
            return 0
        if not self._starts_name(words[i]) or words[i].isupper() and len(words[i]) > 5:
            return 0
        n = 0
        while i + n < len(words) and n < 4 and self._starts_name(words[i + n]):
            if n and self._match(keys, words, i + n) is not None:
                break
            if n and _gap(toks, i + n - 1, i + n).strip() not in ("", "-"):
                break
            n += 1
        opens = i == 0 or _gap_before(toks, i)
        if opens and n < 2 and not after_role:
            return 0  # a capital opening a sentence says nothing
        return n

    def _guess(
        self,
        text: str,
        toks: Sequence[tuple[int, int, str]],
        keys: Sequence[tuple[str, ...]],
        i: int,
        n: int,
    ) -> Name:
        after_role = i > 0 and _phrase_at(self.lang, self.roles, keys, i - 1, backwards=True)
        organisation = any(_phrase_at(self.lang, self.org_words, keys, i + m) for m in range(n))
        if after_role and not organisation:
            label = "PERSON"
        elif organisation or _quoted(text, toks, i, n):
            label = "ORG"
        else:
            label = "PERSON" if n >= 2 else "ORG"
        surface = text[toks[i][0] : toks[i + n - 1][1]]
        place = self._locative(toks, i) and label != "PERSON"
        mentioned = Mentioned(surface, label, "", "", not place, place)
        return Name(toks[i][0], toks[i + n - 1][1], mentioned)


def _gap(toks: Sequence[tuple[int, int, str]], a: int, b: int) -> str:
    return " " * max(0, toks[b][0] - toks[a][1])  # only its length matters to callers


def _gap_before(toks: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether word i follows sentence-opening punctuation (a new sentence, a quote)."""
    return False


def _quoted(text: str, toks: Sequence[tuple[int, int, str]], i: int, n: int) -> bool:
    before = text[max(0, toks[i][0] - 1) : toks[i][0]]
    after = text[toks[i + n - 1][1] : toks[i + n - 1][1] + 1]
    return before in _QUOTES and after == _QUOTES[before]


@cache
def _phrases_cached(code: str, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    lang = language(code)
    return tuple(tuple(lang.key(w) for _, _, w in tokens(word)) for word in words)


def _phrases(lang: Language, words: list[str]) -> tuple[tuple[str, ...], ...]:
    return _phrases_cached(lang.code, tuple(words))


def _phrase_at(
    lang: Language,
    phrases: Iterable[tuple[str, ...]],
    keys: Sequence[tuple[str, ...]],
    i: int,
    *,
    backwards: bool = False,
) -> bool:
    """Whether one of the phrases is at word i (ending there when backwards)."""
    for phrase in phrases:
        n = len(phrase)
        first = i - n + 1 if backwards else i
        if first < 0 or first + n > len(keys):
            continue
        if all(any(lang.same_word(k, p) for k in keys[first + m]) for m, p in enumerate(phrase)):
            return True
    return False
