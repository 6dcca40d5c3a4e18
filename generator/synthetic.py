"""Synthetic content: many valid records, for benchmarks and scale tests.

``write_synthetic_content(root, events=10_000)`` writes a ``content/``-shaped folder that
``generator.records.store.load_catalog`` accepts: events of every type and date precision (day,
month, season, year, spans and ``end`` dates), about ``events / 20`` actors with aliases,
``events / 10`` sources and a few agreements; each event's importance has the heavy tail
of real corpora. The same seed gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic
from generator.model import ACTOR_KINDS, EVENT_TYPES
from generator.records.store import dump_record

_SYLLABLES = [
    "al",
    "ar",
    "ba",
    "bel",
    "cor",
    "da",
    "del",
    "en",
    "fa",
    "gor",
    "ha",
    "ish",
    "ka",
    "lan",
    "mar",
    "mir",
    "na",
    "nor",
    "ol",
    "pa",
    "ra",
    "rin",
    "sa",
    "sel",
    "ta",
    "tor",
    "u",
    "val",
    "ven",
    "za",
    "zel",
]
_VERBS = {
    "meeting": "meet in",
    "call": "hold a phone call on",
    "talks": "open talks on",
    "statement": "issue a statement on",
    "agreement": "agree on",
    "ceasefire": "declare a ceasefire in",
    "clashes": "clash near",
    "attack": "report an attack on",
    "deployment": "deploy observers to",
    "visit": "visit",
    "election": "hold elections in",
    "protest": "protest in",
    "announcement": "announce plans for",
    "other": "discuss",
}
# The types drawn, in the typology's order (a type without a verb here is not drawn).
_KINDS = [kind for kind in EVENT_TYPES if kind in _VERBS]
_SUBJECTS = (
    "the border",
    "water rights",
    "trade routes",
    "the prisoner exchange",
    "the corridor",
    "humanitarian access",
    "the harbour",
    "the railway",
    "energy supplies",
    "the ceasefire line",
)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _actor(rng: random.Random, index: int) -> dict[str, Any]:
    kind = ACTOR_KINDS[index % len(ACTOR_KINDS)]
    base = _word(rng, 2)
    if kind == "person":
        name = f"{_word(rng, 2)} {base}ov"
        aliases = [name.replace("ov", "off"), name.split()[-1]]
    elif kind == "country":
        name = f"{base}ia"
        aliases = [f"Republic of {name}", f"{base}ian side"]
    elif kind == "organization":
        name = f"{base} Council"
        aliases = [f"the {base} council"]
    elif kind == "place":
        name = f"{base}grad"
        aliases = [f"{base}gradsky district"]
    else:
        name = f"{base} Front"
        aliases = []
    return {
        "id": f"actor-{index:05d}-{base.lower()}",
        "name": name,
        "kind": kind,
        "aliases": aliases,
        "role": f"synthetic {kind}",
    }


def _random_date(rng: random.Random, start: dt.date, days: int) -> tuple[str, str | None]:
    """An EDTF date (and sometimes an end) at a random precision."""
    day = start + dt.timedelta(days=rng.randrange(days))
    roll = rng.random()
    if roll < 0.70:
        return day.isoformat(), None
    if roll < 0.78:
        return f"{day.year:04d}-{day.month:02d}", None
    if roll < 0.82:
        return f"{day.year:04d}-{rng.choice((21, 22, 23, 24))}", None
    if roll < 0.85:
        return f"{day.year:04d}", None
    if roll < 0.93:
        last = day + dt.timedelta(days=rng.randint(1, 6))
        return f"{day.isoformat()}/{last.isoformat()}", None
    last = day + dt.timedelta(days=rng.randint(7, 120))
    return day.isoformat(), last.isoformat()


def write_synthetic_content(root: Path, *, events: int, seed: int = 0) -> None:
    """Write ``events`` synthetic events and their actors, sources and agreements under root."""
    rng = random.Random(seed)
    root = Path(root)
    first_day = dt.date(2000, 1, 1)
    days = 365 * 22

    actors = [_actor(rng, index) for index in range(max(2, events // 20))]
    for actor in actors:
        write_atomic(root / "actors" / f"{actor['id']}.yml", dump_record(actor))

    sources = []
    for index in range(max(1, events // 10)):
        published = first_day + dt.timedelta(days=rng.randrange(days))
        source = {
            "id": f"source-{index:05d}",
            "title": f"{_word(rng, 2)} News: report {index}",
            "published": published.isoformat(),
            "published_how": "header",
            "publisher": f"{_word(rng, 2)} Press",
        }
        sources.append(source)
        write_atomic(root / "sources" / f"{source['id']}.yml", dump_record(source))

    event_ids: list[str] = []
    event_records: list[dict[str, Any]] = []
    for index in range(events):
        kind = _KINDS[rng.randrange(len(_KINDS))]
        date, end = _random_date(rng, first_day, days)
        cast = rng.sample(actors, k=min(len(actors), rng.randint(1, 3)))
        subject = rng.choice(_SUBJECTS)
        title = f"{cast[0]['name']} {_VERBS[kind]} {subject}"
        cited = rng.sample(sources, k=min(len(sources), rng.randint(1, 3)))
        event_id = f"{date[:10].replace('/', '-')}-{kind}-{index:05d}"
        record: dict[str, Any] = {"id": event_id, "date": date}
        if end:
            record["end"] = end
        record.update(
            {
                "title": title,
                "type": kind,
                "summary": f"{title}, according to {len(cited)} source(s).",
                "actors": [a["id"] for a in cast],
                "sources": [
                    {"source": s["id"], "quote": f"{title}, the report said.", "date_text": date}
                    for s in cited
                ],
                # Articles citing the date: a heavy tail, as in news (a few dates are
                # cited by very many articles, most by none).
                "importance": len(cited) + min(50, int(rng.paretovariate(1.2)) - 1),
            }
        )
        event_ids.append(event_id)
        event_records.append(record)

    agreements = []
    for index in range(max(1, events // 500) if events else 0):
        listed = rng.sample(event_ids, k=min(len(event_ids), 3))
        agreement = {
            "id": f"agreement-{index:03d}",
            "title": f"{_word(rng, 2)} accord no. {index + 1}",
            "date": min(event_records[event_ids.index(e)]["date"].split("/")[0] for e in listed),
            "parties": [a["id"] for a in rng.sample(actors, k=min(len(actors), 2))],
            "events": listed,
            "sources": [rng.choice(sources)["id"]],
        }
        agreements.append(agreement)
        write_atomic(root / "agreements" / f"{agreement['id']}.yml", dump_record(agreement))
    for agreement in agreements:
        for event_id in agreement["events"][:1]:
            record = event_records[event_ids.index(event_id)]
            record["agreements"] = [agreement["id"]]

    for record in event_records:
        write_atomic(root / "events" / f"{record['id']}.yml", dump_record(record))
