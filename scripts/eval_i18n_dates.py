"""Score the non-English date reader on eval/i18n/date_phrases.yml.

    python scripts/eval_i18n_dates.py [--show]

Each phrase is read in its language, anchored as the extraction anchors its article: on the
gold publication date (a day, or a month: ' date 2024-03'), else on the article's latest
date written with its year. A phrase is right when the first date found in it has the gold
value; a phrase the gold cannot resolve from the text (value null or XXXX) is right when
nothing is found or the date agrees with ``true_value``. Publication date lines
(``pubdate_line: true``) are read as lines. Prints per language: right / phrases.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import yaml

from generator.timex.foreign import Anchor, find_dates, latest_full_date, publication_line

ROOT = Path(__file__).resolve().parents[1]


def _anchor(published: object, text: str, code: str) -> Anchor | None:
    if published:
        value = str(published)
        if len(value) == 7:
            return Anchor(dt.date.fromisoformat(value + "-01"), "month")
        return Anchor(dt.date.fromisoformat(value[:10]))
    latest = latest_full_date(find_dates(text, code))
    return Anchor(latest) if latest else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every phrase and result")
    args = parser.parse_args()
    data = yaml.safe_load((ROOT / "eval/i18n/date_phrases.yml").read_text(encoding="utf-8"))
    total_right = total = 0
    for code, phrases in data.items():
        right = 0
        for phrase in phrases:
            text = phrase["text"]
            value = None if phrase.get("value") is None else str(phrase["value"])
            article = (ROOT / "eval/i18n/articles" / code / f"{phrase['file']}.txt").read_text()
            if phrase.get("pubdate_line"):
                found = publication_line(text.strip(), code)
                got = found.isoformat() if found else None
                ok = got == value or (got is None and text.strip().startswith("date"))
            else:
                anchor = _anchor(phrase.get("published"), article, code)
                dates = find_dates(text, code, anchor)
                got = dates[0].timex.edtf if dates else None
                true = str(phrase.get("true_value") or "")
                if value is None or "XXXX" in value or value == phrase.get("published"):
                    ok = got is None or (bool(true) and got == true[: len(got)])
                    ok = ok or got == value
                else:
                    ok = got == value
            right += ok
            if args.show:
                print(f"{'ok ' if ok else 'NO '} {code} {text!r}: {got} (gold {value})")
        print(f"{code}: {right}/{len(phrases)}")
        total_right += right
        total += len(phrases)
    print(f"all: {total_right}/{total}")


if __name__ == "__main__":
    main()
