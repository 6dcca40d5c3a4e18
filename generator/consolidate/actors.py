"""Actor resolution: entity mentions -> canonical actors with every spelling kept as an alias.

Titles are stripped ("Russian Foreign Minister Sergey Lavrov" is Sergey Lavrov, with the
role kept), demonyms and capitals standing for a state resolve to that state, and two
spellings of one person (Sergey / Sergei Lavrov) become one actor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from generator import gazetteer
from generator.model import Actor, Mentioned, actor_from_dict
from generator.nlp.entities import PLACE_WORDS
from generator.nlp.names import clean_name, is_junk
from generator.slugs import slugify, unique

_KIND_OF_LABEL = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "NORP": "group",
}


@dataclass
class _Draft:
    id: str
    name: str
    kind: str
    names: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    place_uses: int = 0
    fixed: bool = False  # an editor's record: name and kind are theirs


_WORD_BREAK = re.compile(r"[\s\-.,]+")
_CORPORATE = {
    "inc",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "ltd",
    "limited",
    "llc",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "group",
    "holdings",
    "party",  # "the National Rally party" is the National Rally
}


# Resolving compares every new name with every name seen so far: the same few thousand
# names are split again and again, so their words and initials are kept.
@cache
def _words(name: str) -> tuple[str, ...]:
    """Lower-case words of a name without corporate suffixes ('Apple Inc.' -> ('apple',),
    'Renaissance Party' -> ('renaissance',))."""
    words = [w for w in _WORD_BREAK.split(name.lower()) if w]
    while len(words) > 1 and words[-1] in _CORPORATE:
        words.pop()
    return tuple(words)


_SMALL_WORDS = {"of", "and", "the", "for", "&", "de", "du", "la"}


def _person_like(name: str) -> bool:
    """A name that could be a person's: two or three words, each capitalised and
    alphabetic, none a word of a company or of the small words of an organisation's
    name ('Novak Djokovic')."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper()
        and w.replace("-", "").replace("'", "").isalpha()
        and not w.isupper()
        and w.lower() not in _CORPORATE
        and w.lower() not in _SMALL_WORDS
        for w in words
    )


@cache
def _described_place(name: str) -> bool:
    """'Crocus music hall', 'Melbourne airport': a name, then lower-case words for a place."""
    words = name.split()
    return (
        len(words) > 1
        and words[0][:1].isupper()
        and words[-1].islower()
        and words[-1] in PLACE_WORDS
    )


def _place_so_named(draft: _Draft, drafts: list[_Draft]) -> _Draft | None:
    """The one place or organisation whose name starts with the described place's name
    and ends with its word for a place, capitalised: 'Crocus music hall' is 'Crocus City
    Hall'; None when there is none or more than one."""
    words = draft.name.split()
    proper = [w for w in words if not w.islower()]
    head = words[-1].capitalize()
    found = [
        d
        for d in drafts
        if d is not draft
        and d.kind in ("place", "organization")
        and d.name.split()[: len(proper)] == proper
        and d.name.split()[-1] == head
    ]
    return found[0] if len(found) == 1 else None


def _initials(name: str) -> str:
    """'United Auto Workers' -> 'UAW'; 'General Motors Corp.' -> 'GM'."""
    words = [w for w in _words(name) if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _to_roots(merged: dict[str, str]) -> dict[str, str]:
    """Merges followed to the draft they end at: 'SJ' joins 'Smith-Jones', which joins
    'Anna Smith-Jones', so 'SJ' joins 'Anna Smith-Jones' too (joining a draft that is
    itself merged away would leave events pointing at no record). A cycle merges nothing.
    """
    roots = {}
    for source, target in merged.items():
        seen = {source}
        while target in merged and target not in seen:
            seen.add(target)
            target = merged[target]
        if target not in seen:
            roots[source] = target
    return roots


def _person_key(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[-1].lower(), parts[0][0].lower() if len(parts) > 1 else "")


def _word_keys(word: str) -> tuple[tuple[object, ...], ...]:
    """Keys that any word _similar_word accepts shares with word: equal words and
    prefixes of five letters share the first two letters, and so do equal-length words
    that differ after them; if they differ in the first two, the last two are the same."""
    word = word.lower()
    return (("head", word[:2]), ("tail", len(word), word[-2:]))


def _similar_word(a: str, b: str) -> bool:
    """Sergey ~ Sergei, Lachin ~ Lachinsky: one a prefix of the other or one letter apart."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)):
        return True
    if len(a) == len(b) and len(a) >= 4:
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    return False


class ActorResolver:
    """Collects entity mentions over a corpus and resolves each to one canonical actor."""

    def __init__(self, known: Iterable[Mapping[str, Any]] = ()) -> None:
        self._drafts: dict[str, _Draft] = {}
        self._lookup: dict[str, str] = {}
        # Drafts by the _word_keys of the last word of each of their names: _same_thing
        # compares last words first, so only drafts found here can match a new name.
        self._by_last_word: dict[tuple[object, ...], set[str]] = {}
        for record in known:
            draft = _Draft(
                str(record["id"]),
                str(record.get("name") or record["id"]),
                str(record.get("kind") or "organization"),
                fixed=True,
            )
            self._drafts[draft.id] = draft
            self._index(draft.id, draft.name)
            for name in [draft.name, *(record.get("aliases") or ())]:
                self._lookup[str(name).lower()] = draft.id

    def resolve(self, mention: Mentioned) -> str | None:
        """The actor id this mention stands for, or None when it is not an actor."""
        if mention.long_form:
            # an acronym the article defines: the actor of its long form, known by both
            key = self.resolve(replace(mention, text=mention.long_form, long_form=""))
            if key is not None:
                self._note(self._drafts[key], clean_name(mention.text), mention)
            return key
        name = clean_name(mention.text)
        state = gazetteer.state_abbreviations().get(name.replace(".", ""))
        if state and mention.label in ("GPE", "ORG", "LOC"):
            # "Tampa, Fla.": AP style's abbreviation of a state stands for the state
            name = state
            mention = replace(mention, text=name)
        if mention.ent_id and mention.ent_id in self._drafts:
            return self._note(self._drafts[mention.ent_id], name, mention)
        if is_junk(mention):
            return None
        country = self._country(name, mention)
        if country is not None:
            stands_for = name.lower() in gazetteer.by_capital()
            draft = self._draft(slugify(country.name), country.name, "country")
            return self._note(draft, country.name if stands_for else name, mention)
        known = self._lookup.get(name.lower())
        if known:
            return self._note(self._drafts[known], name, mention)
        if mention.label == "NORP":
            return None  # "Armenians", "Soviet": groups are added by editors, not guessed
        if mention.label == "PERSON":
            return self._person(name, mention)
        if mention.label == "ORG" and self._bearer(name) is not None:
            # "Novak Djokovic" tagged as an organisation where "Djokovic" is a person
            return self._person(name, replace(mention, label="PERSON"))
        kind = _KIND_OF_LABEL.get(mention.label)
        if kind is None:
            return None
        candidates = self._candidates(name)
        for draft in self._drafts.values():
            if (
                (candidates is None or draft.id in candidates)
                and draft.kind in ("place", "organization")
                and self._same_thing(draft, name)
            ):
                return self._note(draft, name, mention)
        return self._note(self._draft(slugify(name), name, kind), name, mention)

    def _country(self, name: str, mention: Mentioned) -> gazetteer.Country | None:
        lowered = name.lower()
        for key in (lowered, lowered.replace(".", "")):
            if key in gazetteer.by_name():
                return gazetteer.by_name()[key]
        if lowered in gazetteer.by_demonym() and mention.label in ("NORP", "PERSON", "GPE", "ORG"):
            return gazetteer.by_demonym()[lowered]
        if mention.as_agent and lowered in gazetteer.by_capital():
            return gazetteer.by_capital()[lowered]
        return None

    def _person(self, name: str, mention: Mentioned) -> str | None:
        words = name.split()
        if any(w.lower() in gazetteer.by_demonym() for w in words):
            return None
        surname, initial = _person_key(name)
        for draft in self._drafts.values():
            if draft.kind != "person":
                continue
            d_surname, d_initial = _person_key(draft.name)
            if not _similar_word(surname, d_surname):
                continue
            if (
                not initial
                or not d_initial
                or (initial == d_initial and _similar_word(words[0], draft.name.split()[0]))
            ):
                if len(words) > len(draft.name.split()) and not draft.fixed:
                    draft.name = name  # prefer the full name as canonical
                return self._note(draft, name, mention)
        named = self._named_like(surname)
        if named is not None:  # "Novak Djokovic" seen as an organisation before
            named.kind = "person"
            return self._note(named, name, mention)
        return self._note(self._draft(slugify(name), name, "person"), name, mention)

    def _bearer(self, name: str) -> _Draft | None:
        """The one person draft whose surname a name that looks like a person's ends with."""
        return self._sole("person", _person_key(name)[0]) if _person_like(name) else None

    def _named_like(self, surname: str) -> _Draft | None:
        """The one organisation draft whose name looks like a person's with this surname."""
        return self._sole("organization", surname)

    def _sole(self, kind: str, surname: str) -> _Draft | None:
        """The one draft of this kind whose name ends with the surname (an organisation's
        only when it looks like a person's name and no editor fixed it), or None."""
        found = [
            d
            for d in self._drafts.values()
            if d.kind == kind
            and (kind == "person" or (not d.fixed and _person_like(d.name)))
            and _similar_word(surname, _person_key(d.name)[0])
        ]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _same_thing(draft: _Draft, name: str) -> bool:
        """'Karabakh' ~ 'Nagorno-Karabakh'; 'Lachin corridor' ~ 'Lachinsky corridor';
        'Bank of America Corp.' ~ 'Bank of America Corporation'."""
        mine = _words(name)
        for known in [draft.name, *draft.names]:
            theirs = _words(known)
            if mine == theirs:
                return True
            if len(mine) == len(theirs) and all(
                _similar_word(a, b) for a, b in zip(mine, theirs, strict=True)
            ):
                return True
            shorter, longer = sorted((mine, theirs), key=len)
            joined = "-" in (known if len(theirs) > len(mine) else name)
            if (
                len(shorter) < len(longer)
                and longer[-len(shorter) :] == shorter
                and len(shorter[-1]) >= 5
                and (joined or len(shorter) > 1)  # 'Karabakh' ~ 'Nagorno-Karabakh', not
            ):  # 'House' ~ 'White House'
                return True
        return False

    def _index(self, draft_id: str, name: str) -> None:
        words = _words(name)
        if words:  # no words: _same_thing never matches the name
            for key in _word_keys(words[-1]):
                self._by_last_word.setdefault(key, set()).add(draft_id)

    def _candidates(self, name: str) -> set[str] | None:
        """The drafts that may be _same_thing as name (None: any)."""
        words = _words(name)
        if not words:
            return None
        found: set[str] = set()
        for key in _word_keys(words[-1]):
            found |= self._by_last_word.get(key, set())
        return found

    def _draft(self, actor_id: str, name: str, kind: str) -> _Draft:
        if actor_id not in self._drafts:
            self._drafts[actor_id] = _Draft(actor_id, name, kind)
            self._index(actor_id, name)
        return self._drafts[actor_id]

    def _note(self, draft: _Draft, name: str, mention: Mentioned) -> str:
        if name not in draft.names:
            self._index(draft.id, name)
        draft.names[name] += 1
        draft.labels[mention.label] += 1
        draft.place_uses += mention.as_place
        if mention.role:
            draft.roles[mention.role] += 1
        self._lookup.setdefault(name.lower(), draft.id)
        return draft.id

    def display_name(self, key: str) -> str:
        """The canonical name of a resolved actor."""
        return self._drafts[key].name

    def kind_of(self, key: str) -> str:
        """The kind of a resolved actor."""
        return self._drafts[key].kind

    def _merged(self) -> dict[str, str]:
        """Drafts that are another actor by another name: acronyms ('UAW' for 'United Auto
        Workers'), a surname or first name alone ('Jobs', tagged as an organisation) for
        the one person who bears it. Draft id -> the id of the draft it joins."""
        merged: dict[str, str] = {}
        drafts = [d for d in self._drafts.values() if d.names or d.fixed]
        people = [d for d in drafts if d.kind == "person" and len(d.name.split()) > 1]
        for draft in drafts:
            if draft.fixed:
                continue
            words = draft.name.split()
            target: _Draft | None = None
            if len(words) == 1 and draft.name.isupper() and 2 <= len(draft.name) <= 6:
                same = [d for d in drafts if d is not draft and _initials(d.name) == draft.name]
                target = same[0] if len(same) == 1 else None
            elif len(words) == 1:
                bearers = [
                    d
                    for d in people
                    if draft.name.lower() in (d.name.split()[-1].lower(), d.name.split()[0].lower())
                ]
                target = bearers[0] if len({d.id for d in bearers}) == 1 else None
            elif _described_place(draft.name):
                target = _place_so_named(draft, drafts)
            if target is not None and target.id != draft.id:
                merged[draft.id] = target.id
        return _to_roots(merged)

    def final_ids(self) -> dict[str, str]:
        """Resolution key -> record id: the slug of the final name (editors' ids are kept)."""
        taken = {d.id for d in self._drafts.values() if d.fixed}
        mapping = {}
        for draft in self._drafts.values():
            if draft.fixed:
                mapping[draft.id] = draft.id
            else:
                mapping[draft.id] = unique(slugify(draft.name), taken)
        for source, target in self._merged().items():
            mapping[source] = mapping[target]
        return mapping

    def records(self, used: set[str] | None = None) -> list[Actor]:
        """Actor records for the actors seen (keys in ``used``, when given), with final ids."""
        ids = self.final_ids()
        merged = self._merged()
        for source, target in merged.items():
            self._drafts[target].names.update(self._drafts[source].names)
            for name in self._drafts[source].names:
                self._index(target, name)
            self._drafts[target].roles.update(self._drafts[source].roles)
            self._drafts[source].names.clear()
        out = []
        for draft in self._drafts.values():
            if used is not None and draft.id not in used:
                continue
            if (not draft.names and not draft.fixed) or draft.id in merged:
                continue
            kind = draft.kind
            if not draft.fixed and kind in ("place", "organization"):
                places = sum(draft.labels[x] for x in ("GPE", "LOC", "FAC")) + draft.place_uses
                kind = "place" if places >= draft.labels["ORG"] else "organization"
            aliases = sorted({n for n in draft.names if n != draft.name})
            record: dict[str, Any] = {
                "id": ids[draft.id],
                "name": draft.name,
                "kind": kind,
                "aliases": aliases,
            }
            if draft.roles:
                record["role"] = draft.roles.most_common(1)[0][0]
            out.append(record)
        return [actor_from_dict(record) for record in sorted(out, key=lambda r: r["id"])]
