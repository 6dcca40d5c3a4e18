"""The temporal tagger: every temporal expression of a text -> a TimeML value, anchored on
the article's publication date (no spaCy needed; it uses a parse when given one).

- ``tagger``: ``find_timexes`` and ``Timex``;
- ``patterns``: the rules, in order; ``dates`` absolute dates; ``relative`` dates counted
  from the anchor; ``normalize`` values, tense and EDTF; ``calendar_words`` month and
  weekday names.
"""
