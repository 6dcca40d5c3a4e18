"""Page furniture: what a news page shows around the article that is not the article.

Rule-based and site-agnostic: known patterns (photo credits, bylines, comment forms,
share buttons, "Read more", subscription and cookie prompts), related-headline lists
(bullets or runs of short lines without sentence punctuation), meta lines (section,
agency, dates) and the standfirst that repeats a body paragraph. What the furniture
says about the article (its publisher, its date lines) is kept as evidence.

Markup comes off before this: HTML in `generator.ingest.html`, Markdown in
`generator.ingest.formats`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from generator.ingest.published import (
    classify_date_line,
    split_date_prefix,
    yearless_date_prefix,
)

_BULLET_RE = re.compile(r"^(?:[-*•·▪►‣◦]|\d{1,2}[.)])\s+")
# A sentence ends in . ! ? … (or : ; introducing a quote or list), maybe inside quotes.
_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SHORT_WORDS = 8  # a lone line this short without sentence punctuation is not prose
_LIST_WORDS = 25  # headline-length: items of related lists, sidebars, teasers
_CREDIT_WORDS = 60  # a caption or credit line is short
_ITEM_WORDS = 4  # an item of a list the text introduces says something in this many words

# Known furniture, matched at the start of a line ...
_FURNITURE_START_RE = re.compile(
    "|".join(
        [
            # photo / video credits and captions
            r"(?:photo|photograph|image|picture|video|illustration|cover|credit|"
            r"source of (?:the )?photo)s?(?:\s+(?:credit|source))?\s*(?::|©|/|\bby\b|\bcourtesy\b)",
            r"©|\(c\)|copyright\b",
            r"photo of (?:the )?author$",
            # bylines
            r"(?:by|author|written by|posted by|reporting by|edited by|editing by)\b[:\s]+"
            r"(?!.*[.!?;][\"'”’]?$)\S.{0,40}$",
            # comment forms
            r"(?:leave|post|add|write) a (?:comment|reply)",
            r"\d*\s*comments?\s*(?:\(\d+\))?$",
            r"your email address will not be published|required fields are marked|"
            r"save my name, email",
            r"(?:name|email|e-mail|website|comment)\s*\*?$",
            # share buttons
            r"(?:share|tweet|pin it|email|print|copy link|whatsapp|telegram|facebook|twitter|x|"
            r"linkedin|reddit|vk|ok)(?:\s+(?:this|on|via|article|story|page)\b.*)?$",
            # navigation and teasers
            r"(?:read|see) (?:more|also|next|the full story)\b",
            r"(?:also read|related|related (?:articles|stories|news|posts)|"
            r"more (?:on|from|news|stories)|you (?:may|might) also like|recommended|most read|"
            r"most popular|trending|latest news|top stories|previous (?:article|post)|"
            r"next (?:article|post)|back to top)\b.{0,60}$",
            r"(?:tags?|topics?|categories|category|filed under|keywords)\s*:",
            r"(?:click|tap) here\b|(?:follow us|join (?:us|our)|download (?:our|the) app)\b",
            r"advertisement$|sponsored(?: content)?$|accept(?: all)? cookies",
        ]
    ),
    re.IGNORECASE,
)
# ... or anywhere in a short paragraph.
_FURNITURE_ANYWHERE_RE = re.compile(
    r"\b(?=[a-zA-Z])(?:all rights reserved|subscribe to|sign up (?:for|to)|subscribe now|"
    r"our newsletter|cookies?\b.*\b(?:accept|consent|use|policy|settings)|getty images|"
    r"shutterstock|via reuters|(?:reuters|afp|epa)/[A-Z]|ap photo)\b",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^[^>»›\n]{1,40}(?:\s[>»›]\s[^>»›\n]{1,40}){1,6}$")
# "Based on materials from TASS", "Source: Reuters": the publisher, not text.
_SOURCE_LINE_RE = re.compile(
    r"^(?:based on (?:the )?materials (?:from|of)|according to (?:the )?materials (?:from|of)|"
    r"with materials from|source|sources|via)\s*:?\s*(?P<publisher>[^.\n]{2,60}?)\.?$",
    re.IGNORECASE,
)
# A meta line naming a news organization ("Anadolu Agency").
_AGENCY_RE = re.compile(
    r"\b(?:agency|news|press|novosti|times|post|journal|herald|gazette|tribune|daily|"
    r"telegraph|media|broadcasting|radio|television|wire|TASS|Reuters|AFP|AP|Xinhua|"
    r"Interfax|RIA|ARMENPRESS|Anadolu|Sputnik|EFE|ANSA|DPA|Kyodo|Yonhap|PTI|UPI|IANS|"
    r"BBC|CNN|Bloomberg|Trend|APA)\b",
)
_PUNCT_TRANSLATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)


@dataclass
class Cleaned:
    """Article paragraphs without furniture, and what the furniture told about it."""

    paragraphs: list[str]
    publishers: list[str] = field(default_factory=list)  # best first
    date_lines: list[tuple[str, dt.date]] = field(default_factory=list)  # (kind, date)
    # a live page's year-less update stamps: (month, day, the news the stamp opens)
    stamps: list[tuple[int, int, str]] = field(default_factory=list)


def normalize_space(text: str) -> str:
    """One space between words; no-break and zero-width spaces made plain."""
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text. Blank lines separate blocks; inside a block each line is
    a paragraph (news sites paste one per line) unless the block is hard-wrapped (lines
    that fill its width), or a line obviously continues the previous one (no sentence end,
    lower-case start)."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        inner = lines[:-1]
        width = max(len(line) for line in lines)
        wrapped = (
            len(lines) >= 3
            and width <= 100
            # wrapped lines fill the width; a headline, a publisher's name and a date line
            # stacked in one block do not ('... يرتفع إلى 1037', 'آخر ساعة', '9 سبتمبر 2023')
            and all(len(line) * 2 >= width for line in inner)
            and sum(1 for line in inner if not _SENTENCE_END_RE.search(line)) * 2 > len(inner)
            and not any(_BULLET_RE.match(line) for line in lines)
        )
        if wrapped:
            paragraphs.append(normalize_space(" ".join(lines)))
            continue
        current: list[str] = []
        for line in lines:
            continues = (
                current
                and not _SENTENCE_END_RE.search(current[-1])
                and line[:1].islower()
                and not _BULLET_RE.match(line)
            )
            if current and not continues:
                paragraphs.append(normalize_space(" ".join(current)))
                current = []
            current.append(line)
        paragraphs.append(normalize_space(" ".join(current)))
    return [p for p in paragraphs if p]


def is_bullet(text: str) -> bool:
    """Whether a line is a list item ("- ", "* ", "• ", "1. ")."""
    return bool(_BULLET_RE.match(text))


def is_sentence(text: str) -> bool:
    """Whether a paragraph ends like prose."""
    return bool(_SENTENCE_END_RE.search(text))


# A picture's caption: "This picture shows ...", "In this Jan. 7, 2024, file photo, ...",
# or a paragraph closed by its credit ("(Kyodo News via AP)").
_CAPTION_RE = re.compile(
    r"^(?:In\s+)?(?:this|these)\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4},?\s+)?"
    r"(?:(?:undated|handout|file)\s+)*(?:photo|image|picture|shows)\b"
    r"|[(\[][^()\[\]]{0,80}\b(?:via\s+(?:AP|AFP|Reuters)|AP\s+Photo)\b[^()\[\]]*[)\]]\s*$",
    re.IGNORECASE,
)


def is_caption(text: str) -> bool:
    """Whether a paragraph is a picture's caption, which tells no lead news."""
    return bool(_CAPTION_RE.search(text))


def comparable(text: str) -> str:
    """A paragraph reduced for duplicate detection: case, quotes, dashes, end punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_TRANSLATION).casefold()
    return " ".join(text.split()).rstrip(" .!?…:;\"'")


# Small words a news organization's name may write in lower case ("Voice of America").
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el"})


def _agency(text: str) -> str | None:
    """The news organization a short meta line names ("BBC News, Berlin" -> "BBC News"):
    a name, every word capitalised but its joiners ("Read more trending news" is a link)."""
    if len(text.split()) > 5 or not _AGENCY_RE.search(text):
        return None
    name = text.split(", ")[0].strip(" .-–—")
    words = name.split()
    if not words or not all(w[0].isupper() or w[0].isdigit() or w in _NAME_JOINERS for w in words):
        return None
    return name


def is_furniture_line(text: str) -> bool:
    """Whether a line is known page furniture (credit, byline, share button, breadcrumb...)."""
    if _FURNITURE_START_RE.match(text) or _BREADCRUMB_RE.match(text):
        return True
    return len(text.split()) <= _CREDIT_WORDS and bool(_FURNITURE_ANYWHERE_RE.search(text))


def clean(paragraphs: list[str]) -> Cleaned:
    """Drop furniture and duplicates from `paragraphs`, collecting evidence on the way."""
    result = Cleaned([])
    meta_publishers: list[str] = []
    kept: list[tuple[str, bool]] = []  # (text, an item of a list the text introduced)
    introduced = False  # the list items that follow a line ending in a colon are content
    for raw in paragraphs:
        text = normalize_space(raw)
        bullet = _BULLET_RE.match(text)
        item = text[bullet.end() :] if bullet else text
        if not item:
            continue
        listed = bool(bullet) and introduced
        introduced = listed or (not bullet and item.endswith(":"))
        prefix = split_date_prefix(item)
        if prefix is not None:  # "UPDATE (6/25/21 3:00 PM): Former officer ...": evidence
            kind, date, item = prefix
            result.date_lines.append((kind, date))
        elif (stamp := yearless_date_prefix(item)) is not None and len(stamp[2].split()) >= 4:
            result.stamps.append(stamp)  # "Update 6:20 p.m. EST Nov. 19: Trump ..."
            item = stamp[2]
        date_line = classify_date_line(item)
        if date_line is not None:
            result.date_lines.append(date_line)
            continue
        source = _SOURCE_LINE_RE.match(item)
        if source and len(item.split()) <= 10:
            result.publishers.append(source["publisher"].strip())
            continue
        if is_furniture_line(item):
            continue
        words = len(item.split())
        # "As of 10 a.m. on Tuesday, March 26:" and its items ("Search and rescue is still
        # underway in water"): a list the text introduces is the news, not links
        short = words <= _SHORT_WORDS or (bullet and words <= _LIST_WORDS)
        if not is_sentence(item) and short and not (listed and words >= _ITEM_WORDS):
            agency = _agency(item)
            if agency:
                meta_publishers.append(agency)
            continue
        kept.append((item, listed))
    result.publishers.extend(meta_publishers)
    result.paragraphs = _drop_duplicates(_drop_headline_runs(kept))
    return result


def _drop_headline_runs(kept: list[tuple[str, bool]]) -> list[str]:
    """Runs of headline-like lines (no sentence end, headline length) are related-story
    lists and sidebars: three in a row anywhere, or any number closing the article."""

    def headline(text: str, listed: bool) -> bool:
        return not listed and not is_sentence(text) and len(text.split()) <= _LIST_WORDS

    flags = [headline(text, listed) for text, listed in kept]
    drop = [False] * len(kept)
    index = 0
    while index < len(kept):
        if not flags[index]:
            index += 1
            continue
        end = index
        while end < len(kept) and flags[end]:
            end += 1
        if end - index >= 3 or end == len(kept):
            for position in range(index, end):
                drop[position] = True
        index = end
    return [text for (text, _), dropped in zip(kept, drop, strict=True) if not dropped]


def _drop_duplicates(paragraphs: list[str]) -> list[str]:
    """Drop a standfirst repeating a later paragraph (it may be a prefix of it) and any
    later exact duplicate. Linear apart from the few standfirst checks."""
    keys = [comparable(p) for p in paragraphs]
    drop = [False] * len(paragraphs)
    for index in range(min(3, len(paragraphs))):
        key = keys[index]
        if len(key.split()) >= 6 and any(
            later.startswith(key) or (len(key) >= 60 and key in later)
            for later in keys[index + 1 :]
        ):
            drop[index] = True
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if drop[index]:
            continue
        if key in seen:
            drop[index] = True
        seen.add(key)
    return [p for p, dropped in zip(paragraphs, drop, strict=True) if not dropped]
