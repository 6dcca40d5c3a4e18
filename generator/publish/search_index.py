"""A search index in small files, for sites too large for a single browser index.

Material's search sends the browser one index of every page (tens of megabytes at tens of
thousands of events); Pagefind fetches small parts but needs about 50 kB of memory per
page to build (5 GB at 100,000 events, measured). This index is built while the pages
render, in a few megabytes of memory per thousand pages, and the browser fetches only what
a query needs:

- ``meta.json``: the number of documents, the chunk size, the words left out;
- ``t/<first two letters>.json``: for every word starting with those letters, the
  documents that contain it, and those whose title does (``{"w": {word: ids}, "t": {word:
  ids}}``, ids delta-encoded);
- ``d/<n>.json``: the documents ``n * chunk`` to ``(n + 1) * chunk - 1`` as
  ``[url, title, snippet]``.

Document ids follow the order pages are added, which the site gives by importance (actors,
agreements, the events from the key events down, sources, then the other pages): the
documents that match every word of a query are the results, those whose title has every
word first, each group in id order, so the browser ranks without scoring anything. Words
are folded as ``chronology-search.js`` folds queries (lower case, accents dropped); a word
found in more than half of the documents is left out (it tells nothing), and a query
ignores it.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator

INDEX_VERSION = 1
#: Documents per document file.
CHUNK = 500
#: Letters of a word that name its term file.
PREFIX = 2
#: Characters of a document's text shown under its title in the results.
SNIPPET = 180
#: A word in more than this share of the documents is not indexed.
COMMON = 0.5

_WORD = re.compile(r"[^\W_]+")
_ENTITY = re.compile(r"&#?\w+;")
_ACCENTS = re.compile("[\u0300-\u036f]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without accents, as the search script folds a query."""
    if not text.isascii():
        text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    return text.lower()


def words(text: str) -> set[str]:
    """The words of a text that the index keeps: two letters or more, or any number."""
    return {w for w in _WORD.findall(fold(text)) if len(w) > 1 or w.isdigit()}


def plain(html_text: str) -> str:
    """Text of an HTML fragment or escaped search text, tags dropped, entities decoded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", html_text))).strip()


class SearchIndex:
    """Collects documents as pages render, then gives the index files."""

    def __init__(self) -> None:
        self.docs: list[tuple[str, str, str]] = []
        self.postings: dict[str, list[int]] = {}
        self.titles: dict[str, list[int]] = {}

    def add(self, url: str, title: str, text: str) -> None:
        """One page: its URL (from the site root), title and text (plain text)."""
        self._add(url, title, text[:SNIPPET], words(title), words(text))

    def add_escaped(self, url: str, title: str, text: str) -> None:
        """One page whose title and text are HTML-escaped, as search entries hold them:
        only what the results show is decoded (the words skip the entities, which only
        ever stand for punctuation and markup characters here)."""
        snippet = html.unescape(text[: SNIPPET + 40])[:SNIPPET]
        title_words = words(_ENTITY.sub(" ", title))
        self._add(url, html.unescape(title), snippet, title_words, words(_ENTITY.sub(" ", text)))

    def _add(
        self, url: str, title: str, snippet: str, in_title: set[str], in_text: set[str]
    ) -> None:
        doc = len(self.docs)
        self.docs.append((url, title, snippet))
        everywhere = in_title | in_text
        for target, found_words in ((self.postings, everywhere), (self.titles, in_title)):
            for word in found_words:
                found = target.get(word)
                if found is None:
                    target[word] = [doc]
                else:
                    found.append(doc)

    def files(self) -> Iterator[tuple[str, str]]:
        """(path under the index folder, JSON text) of every index file."""
        count = len(self.docs)
        limit = max(2, int(count * COMMON))
        common = sorted(w for w, docs in self.postings.items() if len(docs) > limit)
        shards: dict[str, dict[str, dict[str, list[int]]]] = {}
        for key, postings in (("w", self.postings), ("t", self.titles)):
            for word, docs in postings.items():
                if len(self.postings[word]) > limit:
                    continue
                shard = shards.setdefault(word[:PREFIX], {"w": {}, "t": {}})
                shard[key][word] = _deltas(docs)
        meta = {"v": INDEX_VERSION, "docs": count, "chunk": CHUNK, "prefix": PREFIX}
        yield "meta.json", json.dumps({**meta, "common": common}, ensure_ascii=False)
        for prefix, terms in shards.items():
            yield f"t/{shard_name(prefix)}.json", json.dumps(terms, ensure_ascii=False)
        for start in range(0, count, CHUNK):
            chunk = self.docs[start : start + CHUNK]
            yield f"d/{start // CHUNK}.json", json.dumps(chunk, ensure_ascii=False)


def shard_name(prefix: str) -> str:
    """A file name for a word prefix: ASCII letters and digits as they are, anything else
    as its code points (the script names files the same way)."""
    if prefix.isascii() and prefix.isalnum():
        return prefix
    return "u" + "-".join(f"{ord(char):x}" for char in prefix)


def _deltas(ids: list[int]) -> list[int]:
    """Ascending ids as the first id and the steps between them (shorter JSON)."""
    return [ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)]
