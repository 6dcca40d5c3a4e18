"""Checks a corpus's gold against its own article files only (reads nothing else):
EDTF dates, weekdays, verbatim quotes, actor ids (written for the blind holdout corpora).

Run: python3 scripts/check_gold.py eval/holdout3
"""

import datetime as dt
import re
import sys
from pathlib import Path

import yaml

HERE = Path(sys.argv[1] if len(sys.argv) > 1 else "eval/holdout2").resolve()
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
problems = []


def bad(msg):
    problems.append(msg)


def check_edtf(value, where):
    if value is None:
        return
    for part in str(value).split("/"):
        if not EDTF.match(part):
            bad(f"{where}: not EDTF: {value!r}")
            continue
        bits = [int(x) for x in part.split("-")]
        try:
            dt.date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)
        except ValueError as e:
            bad(f"{where}: impossible date {part}: {e}")


def as_date(value):
    s = str(value)
    if re.match(r"^\d{4}-\d{2}-\d{2}$", s):
        return dt.date.fromisoformat(s)
    return None


totals = {"events": 0, "quotes": 0, "articles": 0, "multi": 0}
for gold_path in sorted((HERE / "gold").glob("*.yml")):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    topic = gold["topic"]
    actor_ids = {a["id"] for a in gold["actors"]}
    if len(actor_ids) != len(gold["actors"]):
        bad(f"{topic}: duplicate actor ids")
    texts, published, quoted = {}, {}, set()
    for art in gold["articles"]:
        path = HERE / "articles" / art["file"]
        stem = path.stem
        texts[stem] = path.read_text(encoding="utf-8")
        published[stem] = art["published"]
        check_edtf(art["published"], f"{topic}/{stem} published")
        if not art["file"].startswith(topic + "/"):
            bad(f"{stem}: file not under topic folder")
    keys = set()
    for ev in gold["events"]:
        key = ev["key"]
        where = f"{topic}/{key}"
        if key in keys:
            bad(f"{where}: duplicate key")
        keys.add(key)
        check_edtf(ev["date"], where)
        if ev["date"] is None and "true_date" not in ev:
            bad(f"{where}: null date without true_date")
        if len(ev["title"].split()) > 12:
            bad(f"{where}: title longer than 12 words")
        for a in ev["actors"]:
            if a not in actor_ids:
                bad(f"{where}: undefined actor {a}")
        if len(ev["quotes"]) > 1:
            totals["multi"] += 1
        for stem, quote in ev["quotes"].items():
            totals["quotes"] += 1
            if stem not in texts:
                bad(f"{where}: quote for unknown article {stem}")
                continue
            quoted.add(stem)
            n = len(quote.split())
            if not 5 <= n <= 12:
                bad(f"{where}: quote of {n} words in {stem}: {quote!r}")
            if texts[stem].count(quote) == 0:
                bad(f"{where}: quote not found in {stem}: {quote!r}")
            # weekday consistency: a weekday named in the quote must fall on the gold date,
            # counted back from the article's publication day (at most 6 days earlier)
            pub, day = as_date(published[stem]) if published[stem] else None, as_date(ev["date"])
            for i, name in enumerate(WEEKDAYS):
                if pub and day and re.search(rf"\b{name}\b", quote, re.I):
                    back = (pub.weekday() - i) % 7
                    resolved = pub - dt.timedelta(days=back)
                    if resolved != day:
                        bad(
                            f"{where}: '{name}' in {stem} (published {pub}) "
                            f"resolves to {resolved}, gold {day}"
                        )
                    else:
                        print(
                            f"ok weekday  {topic}/{key}: {name.title()} from {pub} "
                            f"({pub:%a}) = {day} ({day:%a})"
                        )
        totals["events"] += 1
    for stem in texts:
        if stem not in quoted:
            bad(f"{topic}: article {stem} has no quote")
    totals["articles"] += len(texts)
    print(f"{topic}: {len(texts)} articles, {len(gold['events'])} events, {len(actor_ids)} actors")

print(totals)
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("all checks passed")
