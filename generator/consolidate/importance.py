"""How much an event matters: the articles that report it, and those that refer back to its date.

A date that many articles mention, even in passing ("since the statement of November 9",
"two months after the ceasefire of 10 November"), is a date journalists put in their
timelines: that is the insight behind the date ranking of news-tls (Ghalandari and Ifrim,
"Examining the State-of-the-Art in News Timeline Summarization", ACL 2020), where counting
the articles that mention a date is a strong ranking on its own. An event's importance is
therefore the number of distinct articles that

- report the event (its sources), or
- mention its date anywhere: as the date of another event they tell, or as a date they
  only refer to (a mention's ``references``).

Dates are compared at the precision the event has: a day is cited by mentions of that day,
a month by mentions of that month (a mention of one day in it says nothing about the month
as a whole). A span counts from its first day. The score is a count of articles, so it
reads as one ("reported or cited by 4 articles"), and one article that repeats a date is
still one article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from generator.model import Event, Mention


def date_key(date: str) -> str:
    """The date an event or mention is counted under: the start of a span, without the
    EDTF qualifiers (``2020-10-09/2020-10-10`` -> ``2020-10-09``, ``2014-22~`` -> ``2014-22``)."""
    return date.split("/", 1)[0].rstrip("~?%")


def citing_articles(mentions: Iterable[Mention]) -> dict[str, set[str]]:
    """For every date, the articles that mention it: as a told date or as a reference."""
    cited: defaultdict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.date:
            cited[date_key(mention.date)].add(mention.source)
        for _kind, date in mention.references:
            if date:
                cited[date_key(date)].add(mention.source)
    return dict(cited)


def with_importance(events: Sequence[Event], mentions: Iterable[Mention]) -> list[Event]:
    """Each event with its importance: its sources plus every other article citing its date."""
    cited = citing_articles(mentions)
    scored = []
    for event in events:
        articles = {claim.source for claim in event.sources}
        articles |= cited.get(date_key(event.date), set())
        scored.append(replace(event, importance=len(articles)))
    return scored
