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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.languages import Language, language, tokens
from generator.model import Mentioned
from generator.timex.foreign import is_calendar_word
from generator.world_names import place_names

# Scripts whose languages write every noun with a capital, or have no capitals at all:
# there a capital does not mark a name.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
# Words that join the parts of a person's or a place's name ("Marine Le Pen", "Charles de
# Gaulle", "Ursula von der Leyen", "Abu Bakr al Baghdadi").
_NAME_PARTICLES = frozenset(
    "le la de du des von van der den di da dos das del bin ibn al el".split()  # noqa: SIM905
)
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
        self._text = ""
        self._by_first: dict[str, list[_Entry]] = {}
        for pattern in patterns:
            text = pattern.get("pattern")
            if isinstance(text, str) and pattern.get("id"):
                self._add(text, str(pattern.get("label") or "ORG"), ent_id=str(pattern["id"]))
        for place in place_names(code):
            self._add(place.name, "GPE", long_form=place.english)
        self.roles = _phrases(self.lang, self.lang.words("roles"))
        self.org_words = _phrases(self.lang, self.lang.words("org_words"))
        self.common_acronyms = frozenset(self.lang.words("common_acronyms"))
        events = self.lang.data.get("events") or {}
        self.event_words = frozenset(
            self.lang.key(str(p))
            for kind in events.values()
            for p in kind or ()
            if " " not in str(p)
        )

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
                if entry.capitalised and _bare(words[i], self.lang)[:1].islower():
                    continue  # "мир" is not "Мир", "fas" is not "Fas"
                if all(
                    any(self.lang.same_word(k, e) for k in keys[i + m])
                    for m, e in enumerate(entry.keys)
                ):
                    best = entry
        return best

    def find(self, text: str, start: int, end: int) -> list[Name]:
        """The names in text[start:end] (a sentence), in order."""
        self._text = text
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
            if run and not self._names_event(keys[i + run - 1]):
                found.append(self._guess(text, toks, keys, i, run))
                i += run
                continue
            i += 1
        return found

    def _names_event(self, keys: tuple[str, ...]) -> bool:
        """A capitalised phrase that ends on a word for an event names that event, not an
        actor ("‘Milli Yas’ ilan edildi", "«Марш справедливости»")."""
        return any(self.lang.same_word(k, e) for k in keys for e in self.event_words)

    def _name(
        self, text: str, toks: Sequence[tuple[int, int, str]], i: int, n: int, entry: _Entry
    ) -> Name:
        surface = _surface(text, toks[i][0], toks[i + n - 1][1], self.lang)
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
        """A word that may be part of a name: capitalised, not a month or weekday, not a
        function word ("Tüm", "Die"), not an acronym of common words ("ВВП": GDP)."""
        return (
            word[:1].isupper()
            and any(ch.isalpha() for ch in word)
            and not is_calendar_word(word, self.code)
            and not _ROMAN_ORDINAL.fullmatch(word)
            and word.casefold() not in stop_words(self.code)
            and word not in self.common_acronyms
        )

    def _links_name(
        self, toks: Sequence[tuple[int, int, str]], words: Sequence[str], at: int
    ) -> bool:
        """Whether word ``at`` is a particle inside a name, between two of its words."""
        if words[at].casefold() not in _NAME_PARTICLES or at + 1 >= len(words):
            return False
        spaced = all(self._text[toks[k][1] : toks[k + 1][0]] == " " for k in (at - 1, at))
        return spaced and self._starts_name(words[at + 1])

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
        while i + n < len(words) and n < 4:
            if n and self._links_name(toks, words, i + n):
                n += 1  # "Marine [Le] Pen", "Charles [de] Gaulle"
                continue
            if not self._starts_name(words[i + n]):
                break
            known = self._match(keys, words, i + n) if n else None
            if known is not None:
                if _phrase_at(self.lang, self.org_words, keys, i + n - 1):
                    n += len(known.keys)  # "Банк России": a country's organisation
                break
            if _phrase_at(self.lang, self.roles, keys, i + n):
                break  # "Devlet Başkanı Vladimir Putin": the name starts after the role
            if n and self._text[toks[i + n - 1][1] : toks[i + n][0]].strip() not in ("", "-"):
                break  # "ЧВК «Вагнер» Евгения": punctuation ends a name
            n += 1
        if i == 0 and n < 2 and not after_role:
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
        surface = _surface(text, toks[i][0], toks[i + n - 1][1], self.lang)
        place = self._locative(toks, i) and label != "PERSON"
        mentioned = Mentioned(surface, label, "", "", not place, place)
        return Name(toks[i][0], toks[i + n - 1][1], mentioned)


def canonical_names(names: list[Name], code: str) -> list[Name]:
    """One spelling per name within an article: the inflected forms of a name the records
    and CLDR do not know ("Крокусе", "Вагнера") stand for its shortest form in the article
    ("Крокус", "Вагнер"), which becomes the actor's name and they its aliases."""
    from dataclasses import replace

    lang = language(code)
    guessed = [n for n in names if not n.mentioned.ent_id and not n.mentioned.long_form]
    out = []
    for name in names:
        mentioned = name.mentioned
        if name in guessed:
            words = mentioned.text.split()
            variants = [
                o.mentioned.text
                for o in guessed
                if len(o.mentioned.text.split()) == len(words)
                and o.mentioned.label == mentioned.label
                and all(
                    lang.same_word(lang.key(a), lang.key(b))
                    or lang.same_word(lang.key(b), lang.key(a))
                    for a, b in zip(words, o.mentioned.text.split(), strict=True)
                )
            ]
            shortest = min(variants, key=lambda v: (len(v), variants.index(v)))
            if shortest != mentioned.text:
                mentioned = replace(mentioned, long_form=shortest)
        out.append(Name(name.start, name.end, mentioned))
    return out


def _bare(word: str, lang: Language) -> str:
    """A word without an elided article before it ("d'Azerbaïdjan" -> "Azerbaïdjan")."""
    if lang.words("elision"):
        return re.sub(r"^\w{1,6}['’](?=\w)", "", word)
    return word


def _surface(text: str, start: int, end: int, lang: Language) -> str:
    """A name as written, without the suffixes Turkish writes after an apostrophe."""
    surface = text[start:end]
    if lang.data.get("suffixes"):
        words = surface.split(" ")
        words[-1] = re.split("['’]", words[-1], maxsplit=1)[0]
        surface = " ".join(words)
    return surface


# "XIXe siècle", "XXI-й век": a century or other ordinal in Roman numerals, not a name
_ROMAN_ORDINAL = re.compile(r"[IVXLC]+(?:e|er|ème|-?[а-яё]{1,2})")


def _quoted(text: str, toks: Sequence[tuple[int, int, str]], i: int, n: int) -> bool:
    before = text[max(0, toks[i][0] - 1) : toks[i][0]]
    after = text[toks[i + n - 1][1] : toks[i + n - 1][1] + 1]
    return before in _QUOTES and after == _QUOTES[before]


@cache
def stop_words(code: str) -> frozenset[str]:
    """Function words of a language (spaCy's lists), lower case."""
    from spacy.util import get_lang_class

    try:
        return frozenset(w.casefold() for w in get_lang_class(code).Defaults.stop_words)
    except ImportError:
        return frozenset()


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
