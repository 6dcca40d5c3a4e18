"""Languages other than English: the words each one's analysis reads, and how words compare.

The data of a language ships in ``generator/data/lang_<code>.yml`` (event words per type of
the typology, words before dates, publication labels, role words before names ...); month
and weekday names come from dateparser's locale data, so dates work in every language it
knows even without a data file. Words are compared the way the language inflects them:

- Russian, German, French and other languages with a Snowball stemmer: two words are one
  when their stems are equal, or when one is the other plus an ending the language's data
  lists ("Москвы" ~ "Москва", "Russlands" ~ "Russland"); German compounds end with their head
  ("Terroranschlag" ~ "Anschlag");
- Turkish adds suffixes, after an apostrophe on proper nouns ("Rusya'nın"): a word is
  another followed by suffixes;
- Arabic writes clitics before a word (و ف ب ل ك and the article ال: "وأذربيجان",
  "بالهجوم") and has several spellings of alef: those are taken off and folded;
- French elides articles ("l'attentat", "d'Azerbaïdjan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

ENGLISH = "en"

# Snowball's algorithm names of the languages it stems (it knows them by English name).
_SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "uk": "russian",  # no Ukrainian stemmer; Russian's endings are close enough to compare
}
_ARABIC_PREFIX = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال|ل(?=ل))?")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670]")  # vowel signs: rarely written, never needed
_APOSTROPHES = "'’ʼ`´"
TOKEN = re.compile(r"\w+(?:[-'’ʼ.]\w+)*", re.UNICODE)


def casefold(word: str, code: str) -> str:
    """Lower case as the language writes it: Turkish and Azerbaijani dotted and dotless i."""
    if code in ("tr", "az"):
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


@dataclass(frozen=True)
class Language:
    """One language's words and the way its words are compared."""

    code: str
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def words(self, name: str) -> list[str]:
        """A list from the data file ([] when the language has none)."""
        value = self.data.get(name) or []
        return [str(item) for item in value]

    @property
    def endings(self) -> tuple[str, ...]:
        """Endings a word may take in this language, longest first."""
        return tuple(sorted(self.words("endings"), key=len, reverse=True))

    def keys(self, word: str) -> tuple[str, ...]:
        """The forms of a word to compare: lower case, without what attaches to it
        (Turkish suffixes after an apostrophe, French elided articles, Arabic clitics)."""
        key = casefold(word, self.code).strip(_APOSTROPHES + ".")
        if self.data.get("suffixes"):
            key = re.split(f"[{_APOSTROPHES}]", key, maxsplit=1)[0]
        if self.words("elision"):
            elided = "|".join(re.escape(e) for e in self.words("elision"))
            key = re.sub(rf"^(?:{elided})[{_APOSTROPHES}]", "", key)
        if self.data.get("clitics") or self.code == "ar":
            key = _ARABIC_MARKS.sub("", key).translate(_ALEF)
            bare = _ARABIC_PREFIX.sub("", key)
            return (key, bare) if bare != key and len(bare) >= 3 else (key,)
        return (key,)

    def key(self, word: str) -> str:
        """The main comparable form of a word."""
        return self.keys(word)[0]

    def stem(self, key: str) -> str:
        """The Snowball stem of a comparable form (the form itself without a stemmer)."""
        return _stem(self.code, key)

    @lru_cache(maxsize=262144)  # noqa: B019 - languages live as long as the process
    def same_word(self, word: str, entry: str) -> bool:
        """Whether a word of a text is a form of an entry (both given as comparable forms)."""
        if word == entry:
            return True
        if len(entry) < 3:
            return False
        # Turkish suffixes may be many; Arabic ones (ة ات ين ها) are short
        suffixed = bool(self.data.get("suffixes")) or (
            bool(self.data.get("clitics")) and len(word) - len(entry) <= 3
        )
        if suffixed and word.startswith(entry):
            return True
        if word.startswith(entry) and word[len(entry) :] in self.endings:
            return True
        stem = self.stem(entry)
        if len(stem) >= 3 and self.stem(word) == stem:
            return True
        return bool(self.data.get("compounds")) and len(entry) >= 5 and word.endswith(entry)


@lru_cache(maxsize=262144)
def _stem(code: str, key: str) -> str:
    # Snowball in pure Python takes about a millisecond a word: each word is stemmed once.
    stemmer = _stemmer(code)
    return str(stemmer.stemWord(key)) if stemmer is not None else key


@cache
def _stemmer(code: str) -> Any:
    import snowballstemmer

    name = _SNOWBALL.get(code)
    return snowballstemmer.stemmer(name) if name else None


@cache
def language(code: str) -> Language:
    """The words of a language (its data file when the package ships one)."""
    path = resources.files("generator.data").joinpath(f"lang_{code}.yml")
    data: dict[str, Any] = {}
    if path.is_file():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = loaded if isinstance(loaded, dict) else {}
    return Language(code, data)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a text with where they are: (start, end, word)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def normalise_code(value: object) -> str | None:
    """A language code as records keep it ('ru', 'pt'), from 'ru', 'RU', 'ru-RU', 'pt_BR';
    None when the value is not a language code."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*\s*", value)
    return match.group(1).lower() if match else None
