"""A record's own timeline, drawn: its events by year as a strip of inline SVG bars.

Inline SVG needs no script, no stylesheet and nothing from a CDN: bars are drawn in the
text colour (``currentColor``), so they follow the light and dark schemes; each bar links
to its year's page and names its count (a tooltip, and a label for screen readers). A
caption says the same in words. Every label is a number or a year; the only record text,
the record's name, goes through ``text()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.publish.render import plural, text

_WIDTH = 420  # px the strip aims at: bars are as wide as that allows, within limits
_MIN_BAR, _MAX_BAR = 6, 36  # px per bar, with its gap
_HEIGHT = 40  # px of the tallest bar
_LABELS = 14  # px under the bars for the year labels
# Above this many years, bars stand for decades: a strip of centuries of single years
# would be too thin to read or to click.
MAX_YEAR_BARS = 80


def _buckets(counts: dict[int, int]) -> tuple[list[tuple[int, int]], int]:
    """(first year, count) per bar from the first to the last year, and the years per bar."""
    first, last = min(counts), max(counts)
    size = 1 if last - first < MAX_YEAR_BARS else 10
    if size > 1:
        first -= first % size
    bars = []
    for start in range(first, last + 1, size):
        bars.append((start, sum(counts.get(year, 0) for year in range(start, start + size))))
    return bars, size


def year_strip(
    years: Iterable[int], name: str, href: Callable[[int], str | None]
) -> tuple[str, str]:
    """The strip of events by year (one year per item of ``years``) as (bars, caption),
    both safe HTML; ``href(year)`` is the link of a year's page (None: no page).

    Each bar is its own small SVG inside an HTML link (links inside an SVG are not links to
    every script: Material's instant navigation cannot follow them), so the strip reads as
    a row of bars, each one a link, even without a stylesheet.
    """
    counts: dict[int, int] = {}
    for year in years:
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return "", ""
    bars, size = _buckets(counts)
    step = min(_MAX_BAR, max(_MIN_BAR, _WIDTH // len(bars)))
    top = max(count for _, count in bars)
    width = len(bars) * step
    label = f"{text(name)}: events by year"
    parts = [f'<span class="chronology-strip__bars" role="list" aria-label="{label}">']
    for start, count in bars:
        period = str(start) if size == 1 else f"{start}s"
        bar = max(2, round(_HEIGHT * count / top)) if count else 0
        svg = (
            f'<svg width="{step}" height="{_HEIGHT + 1}" aria-hidden="true">'
            f'<line x1="0" y1="{_HEIGHT + 0.5}" x2="{step}" y2="{_HEIGHT + 0.5}"'
            ' stroke="currentColor" stroke-opacity="0.3"/>'
            + (
                f'<rect x="1" y="{_HEIGHT - bar}" width="{step - 2}" height="{bar}"'
                ' fill="currentColor" fill-opacity="0.75"/>'
                if bar
                else ""
            )
            + "</svg>"
        )
        words = f"{period}: {plural(count, 'event')}"
        target = href(start) if count and size == 1 else None
        if target:
            parts.append(
                f'<a href="{text(target)}" role="listitem" title="{words}"'
                f' aria-label="{words}">{svg}</a>'
            )
        else:
            parts.append(f'<span role="listitem" title="{words}" aria-label="{words}">{svg}</span>')
    parts.append("</span><br>")
    parts.append(f'<svg width="{width}" height="{_LABELS}" aria-hidden="true">')
    for x, anchor, label in _labels(bars, size, step):
        parts.append(
            f'<text x="{x}" y="{_LABELS - 3}" font-size="9" text-anchor="{anchor}"'
            f' fill="currentColor">{label}</text>'
        )
    parts.append("</svg>")
    busiest = sorted(bars, key=lambda bar: (-bar[1], bar[0]))[:3]
    listed = ", ".join(
        f"{start if size == 1 else f'{start}s'} ({count})" for start, count in busiest if count
    )
    span = f"{bars[0][0]}–{bars[-1][0] + size - 1}" if len(bars) > 1 else str(bars[0][0])
    caption = f"{plural(sum(counts.values()), 'event')}, {span}; the busiest: {listed}."
    return "".join(parts), text(caption)


_LABEL_WIDTH = 24  # px a year label takes at font size 9, with room around it


def _labels(bars: list[tuple[int, int]], size: int, step: int) -> list[tuple[int, str, str]]:
    """(x, text-anchor, text) of the year labels: the first and last bars, and the round
    years between them that leave room for both."""
    width = len(bars) * step

    def label(start: int) -> str:
        return str(start) if size == 1 else f"{start}s"

    found = [(0, "start", label(bars[0][0]))]
    if len(bars) == 1:
        return found
    end = (width, "end", label(bars[-1][0]))
    every = 10 * size
    for index, (start, _) in enumerate(bars[1:-1], start=1):
        x = index * step + step // 2
        if start % every == 0 and x >= _LABEL_WIDTH * 1.5 and width - x >= _LABEL_WIDTH * 1.5:
            found.append((x, "middle", label(start)))
    if width >= _LABEL_WIDTH * 2:
        found.append(end)
    return found
