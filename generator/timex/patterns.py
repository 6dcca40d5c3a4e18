"""The pattern table of the temporal tagger: which strings are temporal expressions and
what TIMEX3 type and value each one has.

Each rule is a regex compiled once at import plus a handler that turns a match into a
``Norm`` (or rejects it). The tagger runs every rule over the text (but those whose key
words, ``timex.prefilter.KEYWORDS``, the text lacks: they cannot match), keeps the longest
non-overlapping matches and calls the handlers in text order, so that relative
expressions ("the day before") see the dates told before them.

Spans follow TimeML: determiners and modifiers are inside ("the past three months",
"late last year", "nearly two years ago", "the end of this year"), prepositions are not
("for three years", "within weeks", "over the past decade", "in the future"). A rule whose
match is wider than the expression marks the expression with the group ``x``.

The handlers of calendar dates are in ``timex.dates``, those of relative expressions in
``timex.relative``, durations, sets and clock times in ``timex.durations``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.timex.dates import (
    bare_month,
    century_expr,
    decade_expr,
    month_day,
    month_year,
    numeric_date,
    quarter_expr,
    season_expr,
    spelled_year,
    year_end,
    year_expr,
)
from generator.timex.durations import clock_time, duration, every, vague_duration
from generator.timex.holidays import HOLIDAY_PATTERN, holiday_expr
from generator.timex.normalize import Context, Norm
from generator.timex.relative import (
    ago,
    anaphoric_period,
    part_of_day,
    part_of_period,
    ref_word,
    relative_day,
    relative_unit,
    same_period,
    weekday_expr,
    year_ago_period,
)

Handler = Callable[[re.Match[str], Context], Norm | None]

_MONTH = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|"
    r"OCTOBER|NOVEMBER|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?))"
    r"(?![A-Za-z])"
)
# A day ends before a digit or a clock time ("25:00"), not before a colon that ends a
# phrase ("on Saturday, April 25: ...").
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
_DAY2 = r"(?:\s*(?:-|–|to|and|through|until)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d))"
_YEAR = r"(?P<y>(?:1[6-9]|20)\d\d)(?![\d%])"
# A weekday before a date, on the same line ("Friday\nSeptember 18" is two lines).
_WD = r"(?:(?P<wdp>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[ \t]+(?:the\s+)?)"
_MOD = (
    r"(?:(?P<mod>(?i:early|late|mid|the\s+(?:very\s+)?(?:end|beginning|start|middle|close)\s+of|"
    r"(?:the\s+)?(?:first|second|last|latter)\s+half\s+of|"
    r"(?:the\s+)?(?:end|beginning|start|middle)\s+of))[-\s]+)?"
)
# "earlier this year", "late last week", "the end of this month": inside the span.
_PRE = (
    r"(?:(?P<pm>(?i:earlier|early|later|late|mid|(?:the\s+)?(?:very\s+)?(?:end|start|"
    r"beginning|middle|close|rest|remainder)\s+of))[-\s]+)?"
)
_REL = r"(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|past|coming))"
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a\s+hundred|hundred)"
)
_NUM = (
    r"(?P<n>\d[\d,]*(?:\.\d+)?(?:\s+1/2|½)?(?:\s+and\s+a\s+half)?|(?i:" + _NUMWORD + r"(?:[-\s]"
    r"(?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+and\s+a\s+half)?|half\s+an?|"
    r"a\s+couple\s+of|a\s+dozen|several|a\s+few|few|many|some|numerous|an?|single))"
)
_UNIT = (
    r"(?P<u>(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|"
    r"quarters?|years?|decades?|centuries|century))(?![A-Za-z])"
)
# Quantity modifiers inside it: "nearly two years", "more than a week", "over an hour".
_QUANT = (
    r"(?:(?i:nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|"
    r"(?:well\s+)?over(?!\s+the\b)|some|barely|exactly)\s+)?"
)
_ORDINAL_WORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR_BACK = (
    r"(?:(?:of\s+)?(?:the\s+)?(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|last\s+year|"
    r"(?:previous|prior)\s+year|year\s+before))"
)
_NINETEEN = (
    r"(?:one|two|three|four|five|six|seven|eight|nine)|(?:ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    (
        "date_mdy",
        _rx(
            r"(?:(?i:early|late)\s+)?"
            + _WD
            + r"?"
            + _MONTH
            + r"\s+"
            + _DAY
            + _DAY2
            + r"?(?:,?\s+"
            + _YEAR
            + ")?"
        ),
        month_day,
    ),
    (
        "date_dmy",
        _rx(
            _WD
            + r"?(?<![\d.,$])"
            + _DAY
            + _DAY2
            + r"?\s+(?:of\s+)?"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + ")?"
        ),
        month_day,
    ),
    (
        "date_numeric",
        _rx(
            r"(?<![\d./-])(?:(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)"
            r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)"
            r"|(?P<m3>[01]?\d)/(?P<d3>[0-3]?\d)/(?P<y3>\d{4}|\d{2}))(?![\d/-]|\.\d)"
        ),
        numeric_date,
    ),
    # "October of next year", "January this year", "June last year".
    (
        "month_year",
        _rx(
            _MOD
            + _MONTH
            + r"(?:(?:,?\s+|\s+of\s+)"
            + _YEAR
            + r"|\s+(?P<yrel>(?i:this|last|next)\s+year)(?!['’])"
            # "October of next year" is two expressions: the month, then "next year".
            r"|(?=\s+of\s+(?P<yrel2>(?i:this|last|next|the\s+(?:current|previous|same|"
            r"following))\s+year)))"
        ),
        month_year,
    ),
    ("bare_month", _rx(r"(?:" + _REL + r"\s+)?" + _MOD + _MONTH), bare_month),
    (
        "year",
        _rx(
            _MOD
            + r"(?:(?i:the\s+year\s+))?(?:(?P<fy>(?i:fiscal\s+(?:year\s+)?)|FY\s?))?"
            + r"(?:"
            + _YEAR
            + r"|'(?P<yy>\d\d)(?![\w']))"
        ),
        year_expr,
    ),
    (
        "spelled_year",
        _rx(
            r"(?:" + _MONTH + r"\s+)?"
            r"(?i:(?:the\s+year\s+)?(?P<sy>nineteen[-\s](?:hundred(?:\s+and)?[-\s])?(?:"
            + _NINETEEN
            + r")|two\s+thousand(?:[-\s](?:and[-\s])?(?:"
            + _NINETEEN
            + r"))?))(?![\w-])"
        ),
        spelled_year,
    ),
    (
        "decade",
        _rx(
            # "the 1990s" -> "1990s", but "the early 1990s" keeps its determiner.
            r"(?:(?i:the)\s+(?=\d|['’]))?(?P<x>(?:(?i:the\s+)?(?i:early|late|mid)[-\s]+)?"
            r"(?:(?P<c>1[5-9]|20)(?P<dd>\d)0s"
            r"|['’](?P<d2>\d)0s|(?<![\w'’$])(?P<d3>[1-9])0s))(?![\w])"
        ),
        decade_expr,
    ),
    # "the nineties", "the early sixties": a decade spelled out (with its determiner).
    (
        "decade_word",
        _rx(
            r"(?i:the\s+(?:(?:early|late|mid)[-\s]+)?)(?P<dw>(?i:twenties|thirties|forties|"
            r"fifties|sixties|seventies|eighties|nineties))(?![\w])"
        ),
        decade_expr,
    ),
    (
        "year_end",
        _rx(
            r"(?i:(?:by|at|before|after|since|until|till|around|near|towards?|through|of)\s+)"
            r"(?P<x>(?i:the\s+)?(?i:year[-\s]end|year['’]s\s+end))(?![\w-])"
        ),
        year_end,
    ),
    (
        "century",
        _rx(r"(?:(?i:the)\s+)?(?P<cn>\d{1,2})(?:st|nd|rd|th)[-\s]+(?i:century)"),
        century_expr,
    ),
    (
        "season",
        _rx(
            r"(?:" + _REL + r"\s+)?" + _MOD + r"(?:(?i:the)\s+)?"
            r"(?<![A-Za-z])(?P<s>(?i:spring|summer|fall|autumn|winter))(?![a-z])(?:\s+(?:(?i:of)\s+)?"
            + _YEAR
            + r"|\s+(?i:of\s+(?P<yrel>this|last|next)\s+year)"
            # "the winter of nineteen ninety-four", as broadcasts write a year
            + r"|\s+(?i:of)\s+(?P<sy>(?i:nineteen[-\s](?:"
            + _NINETEEN
            + r")|two\s+thousand(?:[-\s](?:and[-\s])?(?:"
            + _NINETEEN
            + r"))?))(?![\w-]))?"
        ),
        season_expr,
    ),
    (
        "quarter",
        _rx(
            r"(?:(?i:the)\s+)?(?:(?P<yq>(?i:this|last|next)\s+year['’]s)\s+)?"
            # "the 1988 second quarter": the year before the ordinal.
            r"(?:(?P<yb>(?:19|20)\d\d)\s+)?"
            r"(?:(?i:fiscal)[-\s]+)?(?P<ord>(?i:first|second|third|fourth|final|last|latter|"
            r"1st|2nd|3rd|4th))[-\s]+(?:(?P<half>(?i:half))|(?i:quarter|qtr))(?![a-z])"
            r"(?:(?:\s+(?i:of)\s+(?i:fiscal\s+)?|\s+)" + _YEAR + r"|\s+(?i:of)\s+"
            r"(?P<yrel>(?i:this|last|next|the\s+(?:current|previous|same))\s+year))?"
        ),
        quarter_expr,
    ),
    (
        "quarter_q",
        _rx(r"\b(?P<ord>Q[1-4])(?P<half>(?!))?(?:\s+|/|-)?(?:" + _YEAR + r")?(?![\w])"),
        quarter_expr,
    ),
    # "the quarter", "the latest period", "the year-ago quarter", "a year earlier".
    (
        "period",
        _rx(
            r"(?i:(?:the|this|that)\s+(?P<which>latest|current|same|full|fiscal|comparable)?"
            r"\s*(?P<pu>quarter|period|year)(?![\w-]))"
        ),
        anaphoric_period,
    ),
    (
        "year_ago",
        _rx(
            r"(?i:(?:the\s+)?(?:comparable\s+)?(?P<ya>year[-\s](?:ago|earlier))(?:\s+"
            r"(?:(?P<ord>first|second|third|fourth|fiscal)[-\s]+)?(?P<pu>quarter|period))?"
            r"|(?:the\s+)?(?P<pu2>quarter|period)\s+a\s+year\s+(?:ago|earlier)"
            r"|(?:the\s+)?(?P<py>(?:19|20)\d\d)\s+(?P<pu3>period|quarter))(?![\w-])"
        ),
        year_ago_period,
    ),
    ("holiday", _rx(HOLIDAY_PATTERN), holiday_expr),
    (
        "relative_day",
        _rx(
            r"(?:(?i:earlier|later|late|early)\s+)?(?P<w>(?i:the\s+day\s+before\s+"
            r"yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|"
            r"tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening))"
            r"(?![a-z])(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?"
        ),
        relative_day,
    ),
    (
        "weekday",
        _rx(
            r"(?:(?i:early|late)\s+)?(?:(?i:the\s+)?(?P<rel>(?i:this\s+past|this\s+coming|last|"
            r"next|this|past|coming|previous|following))\s+)?(?P<wd>Monday|Tuesday|"
            r"Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])(?:\s+(?P<pod>(?i:morning|"
            r"afternoon|evening|night)))?(?:\s+(?i:of\s+)?(?P<wk>(?i:last|next|this))\s+"
            r"(?i:week)(?![\w-]))?"
        ),
        weekday_expr,
    ),
    (
        "relative_unit",
        _rx(
            _PRE + r"(?P<rel>(?i:this\s+past|this\s+coming|the\s+past|the\s+last|"
            r"the\s+next|the\s+previous|the\s+coming|the\s+following|the\s+current|"
            r"the\s+same|last|next|this|past|previous|coming|current|that|the))\s+"
            r"(?P<u>(?i:week|weekend|month|quarter|year|decade|century))(?![\w-])"
        ),
        relative_unit,
    ),
    (
        "same_period",
        _rx(
            r"(?i:the\s+(?:same|corresponding|comparable)\s+(?P<what>period|month|quarter|"
            r"week|season|time)\s+"
            + _YEAR_BACK
            + r"|the\s+(?P<what2>year)\s+(?:previous|before|earlier|"
            r"prior)(?![\w-]))"
        ),
        same_period,
    ),
    (
        "part_of_period",
        _rx(
            r"(?i:the\s+(?:very\s+)?(?:start|beginning|end|middle|rest|remainder)"
            r"\s+of\s+the\s+(?P<u>year|month))(?![\w-])"
        ),
        part_of_period,
    ),
    (
        "ago",
        _rx(
            r"(?P<x>"
            + _QUANT
            + r"(?:"
            + _NUM
            + r"[-\s]+"
            + _UNIT
            + r"(?:\s+or\s+(?:so|two|three|more))?"
            + r"|(?P<vague>(?i:years|months|weeks|days|decades)))\s+(?P<dir>(?i:ago|earlier|"
            r"later|from\s+now|hence|before(?=\s*[,.;])|after(?=\s*[,.;]))))"
        ),
        ago,
    ),
    (
        "duration",
        _rx(
            r"(?<![\w.,])(?P<x>(?P<pre>"
            + _QUANT
            + r"(?:(?i:each\s+of\s+)?(?i:the)\s+)?(?:(?i:past|last|next|first|previous|"
            r"coming|following|final|remaining|additional|further|latest|recent|entire|"
            r"whole|full)\s+)?)(?<![\w.,])"
            + _NUM
            + r"(?:[-\s]+(?i:consecutive|straight|successive|trading|business|working|"
            r"full|calendar|more|additional))?[-\s]+"
            + _UNIT
            + r"(?P<long>-(?i:long|old))?(?P<half>\s+and\s+a\s+half)?)"
        ),
        duration,
    ),
    (
        "vague_duration",
        _rx(
            r"(?:(?P<prep>(?i:for|in|over|within|after|during))\s+(?:(?i:the|just|only)\s+)?)?(?P<x>(?:(?P<pre>(?i:"
            r"the\s+past|the\s+last|the\s+coming|the\s+next|recent|the\s+recent|coming|"
            r"past))\s+)?(?P<u>(?i:years|decades|months|weeks|days|"
            r"hours|minutes))(?P<long>-(?i:long|old))?)(?![\w])"
        ),
        vague_duration,
    ),
    (
        "set",
        _rx(
            # a word of its own: not "beach Saturday", "paper day"
            r"(?<![^\W\d_])(?:(?i:(?:every|each|per)\s+"
            r"(?:(?P<k>other|\d+|two|three|four|five|six|ten)\s+)?(?:(?:passing|single)\s+)?"
            r"(?P<u>second|minute|hour|day|night|week|weekend|"
            r"month|quarter|year|decade)s?(?![a-z])|(?P<adv>annually|yearly|weekly|"
            r"daily|monthly|hourly|nightly)(?![a-z]))"
            r"|(?i:every|each)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
            r"Sunday)(?![a-z]))"
        ),
        every,
    ),
    (
        "time",
        _rx(
            r"(?<![\d.:,])(?:(?P<h>[012]?\d)(?:(?P<sep>[:.])(?P<mi>[0-5]\d))?(?![\d:])"
            r"|(?P<hhmm>[012]\d[0-5]\d)(?=\s*(?:hours|hrs|UTC|GMT)))"
            r"(?:\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm)(?![a-z]))"
            # "17:44 Hrs", "1400 hours": the 24-hour clock's own word
            r"|(?<=\d\d)\s*(?P<hrs>(?i:hrs|hours)(?![a-z]))"
            # "4 in the morning", "9 o'clock at night"
            r"|\s+(?:(?i:o['’]clock)\s+)?(?P<inpod>(?i:in\s+the\s+(?:morning|afternoon|evening)|"
            r"at\s+night))(?![\w-]))?"
            r"(?:\s*\(?(?P<tz>UTC|GMT|Z|EST|EDT|PST|PDT|CET|CEST|BST|MSK|(?i:local\s+time)|"
            r"[A-Z][a-z]+\s+time)(?:\s*(?P<off>[+-]\d{1,2})(?::?\d\d)?)?\)?)?"
            r"|(?<![A-Za-z-])(?P<word>(?i:midnight|noon|midday))(?![\w-])"
        ),
        clock_time,
    ),
    # "in the morning", "at mid-afternoon yesterday", "in morning trading": a part of
    # the day being told (or of the day named after it).
    (
        "part_of_day",
        _rx(
            r"(?i:\b(?:in|during|by|until|till|at|on|from|through)\s+)(?P<x>(?i:the\s+)?"
            r"(?:(?i:early|late|mid)[-\s]?)?(?P<pod>(?i:morning|afternoon|evening))"
            # "the evening of March 22" is that day's: the date tells it.
            r"(?:\s+(?P<w>(?i:yesterday|today|tomorrow)))?)(?![\w-]|\s+of\b)"
        ),
        part_of_day,
    ),
    (
        "ref_word",
        _rx(
            r"(?i:(?:right\s+)?(?P<x1>\bnow\b)|currently|presently|nowadays|"
            r"these\s+days|(?:at|for)\s+(?P<x2>the\s+(?:moment|time\s+being))|"
            r"(?:more\s+)?recently|(?:in\s+)?(?P<x3>the\s+past)(?=\s*[,.;]|\s+(?:and|or)\b)|"
            # "indicated in the past that ...": not "in the past three months".
            r"in\s+(?P<x7>the\s+past)(?!\s+(?:\d|few|several|couple|\w+teen|\w+ty|one|two|"
            r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|years?|months?|weeks?|"
            r"days?|decades?|centur|quarters?|hours?|minutes?|generation|half)|[\w-])|"
            r"(?:recent|current)(?=\s+[a-z])|"
            r"(?:in|into)\s+(?P<x4>the\s+(?:near\s+|distant\s+|foreseeable\s+)?future)|"
            r"the\s+(?:near|long|short)\s+term|"
            r"the\s+day\s+before|the\s+previous\s+day|"
            r"the\s+next\s+day|the\s+following\s+day|the\s+same\s+day|that\s+(?:same\s+)?"
            r"day|(?:end|ending|ended|finish|finished|finishing|close|closed|closing|"
            r"start|started|starting|for|during|of|late\s+in|later\s+in|earlier\s+in|"
            r"early\s+in)\s+(?P<x5>the\s+day)|"
            r"(?P<x6>the\s+(?:start|beginning|end|close)\s+of\s+the\s+day))"
            r"(?![\w-])"
        ),
        ref_word,
    ),
]
