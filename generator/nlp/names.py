"""Rules for the text of a name: what a name is without its trimmings, and which entity
texts cannot name an actor at all. Shared by the mention finder and actor resolution."""

from __future__ import annotations

import re

from generator import gazetteer
from generator.model import Mentioned

_JUNK = re.compile(r"\d|^(admin|photo|comment|author|image|getty|reuters photo)\b", re.I)
_TRAILING = re.compile(r"(['’]s|['’])$")
_PRODUCT = re.compile(r"^[a-z]+[A-Z]")  # iPhone, iTunes, eReader: products, not actors
_INDEX = re.compile(r"\b(index|indices|average|composite)$", re.I)
# A name whose last word is a happening's names that happening, not who acted in it:
# "Camp Fire", "Cloquet Fire", "Gulf War", "World Cup", "Test Flight Readiness Review".
_HAPPENING = re.compile(
    r"\s(?:Fire|Wildfire|Earthquake|Quake|Floods?|Massacre|Bombings?|Shootings?|Crash|"
    r"Disaster|Revolution|Uprising|War|Pandemic|Outbreak|Summit|Review|Games|Olympics|Cup)$"
)


# Titles and ranks cut off from the name they precede: "Coast Guard Rear [Admiral ...]".
_TRAILING_TITLE = re.compile(
    r"\s+(?:Rear|Vice|Adm|Gen|Lt|Col|Maj|Capt|Cmdr|Sgt|Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Prof|Rev|St)\.?$"
)


def clean_name(text: str) -> str:
    """Entity text without possessive endings, leading articles, dangling conjunctions
    ('Hang Seng and'), an acronym in an unclosed bracket ('World Health Organization
    (WHO'), a trailing initial or rank ('Peter A', 'Coast Guard Rear') and stray
    punctuation."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*\([^)]*$", "", text)  # "New Popular Front (NFP"
    text = text.strip(" \t\n\"'“”‘’.,;:()[]")
    text = _TRAILING.sub("", text)
    text = re.sub(r"\s+(and|or|&)$", "", text)
    text = re.sub(r"^(?:the|The|an?|An?)\s+", "", text).strip()
    for _ in range(2):
        text = _TRAILING_TITLE.sub("", text)
        text = re.sub(r"(?<=\w)\s+[A-Z]\.?$", "", text)  # "Peter A"
    return text.strip()


def is_junk(mention: Mentioned) -> bool:
    """Entity text that cannot name an actor: numbers, page furniture, lower-case phrases,
    products written in camel case, stock indices, time zones and named happenings."""
    name = clean_name(mention.text)
    return (
        len(name) < 2
        or len(name) > 60
        or bool(_JUNK.search(name))
        or not any(ch.isupper() for ch in name)
        or len(name.split()) > 6
        or bool(_PRODUCT.match(name))
        or bool(_INDEX.search(name))
        or bool(_HAPPENING.search(name))
        or gazetteer.is_not_actor(name)
        or bool(_TRAILING_TITLE.fullmatch(" " + name))
    )
