"""Page content as pure functions of a Catalog: escaping, dates, neighbours, co-actors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.model import build_catalog
from generator.publish.context import Context, Options
from generator.publish.html_page import HtmlPage, PageWriter, plain_text
from generator.publish.pages import content_problems, content_warnings, navigation, site_pages
from generator.publish.render import safe_url, text, title_text
from generator.publish.urls import Urls
from generator.records.store import load_catalog

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "{{ config.extra }}",
    "</title><script>alert(2)</script>",
    "--8<-- '/etc/passwd'",
    "# heading\n\n- list\n\n| a | b |",
    "&lt;script&gt;",
    "`code` *em* __strong__ <https://evil.example>",
]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(load_catalog(FIXTURE))


@pytest.fixture(scope="module")
def pages(ctx: Context) -> dict[str, str]:
    return {uri: page.html for uri, page in site_pages(ctx).items()}


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_is_inert_html(hostile: str) -> None:
    html = f'<li title="{text(hostile)}">{text(hostile)}</li>'
    assert _elements(html) == [("li", [("title", " ".join(hostile.split()))])]
    assert "{{" not in html and "\n" not in html


def test_text_reads_back_as_the_original() -> None:
    import html as html_module

    original = 'Baku & Yerevan <agree> on a "ceasefire" — 10% [sic]'
    assert html_module.unescape(text(original)) == original


def test_title_text_cannot_close_the_title_element() -> None:
    import html as html_module

    decoded = html_module.unescape(title_text("</title><script>alert(1)</script>"))
    assert "<" not in decoded and ">" not in decoded


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://tass.example/a?b=1", "https://tass.example/a?b=1"),
        ("http://x.example/", "http://x.example/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("//evil.example/x", None),
        ("https://x.example/a b", None),
        ("https:alert(1)", None),
        (None, None),
    ],
)
def test_safe_url_allows_only_http(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def _check_page(html: str, checks: dict[str, Any]) -> None:
    if "starts_with" in checks:
        assert html.startswith(checks["starts_with"]), html[:200]
    for part in checks.get("contains", ()):
        assert part in html, part
    for part in checks.get("excludes", ()):
        assert part not in html, part
    for part, count in checks.get("count", {}).items():
        assert html.count(part) == count, part
    for part, count in checks.get("at_least", {}).items():
        assert html.count(part) >= count, part
    position = 0
    for part in checks.get("in_order", ()):
        found = html.find(part, position)
        assert found >= 0, f"{part!r} not after position {position}"
        position = found + len(part)
    headings = re.findall(r"<h[23][^>]*>.*?</h[23]>", html)
    assert len(headings) == len(set(headings)), "a heading is repeated"


@pytest.mark.golden_test("cases/*.yml")
def test_page(golden: Any, pages: dict[str, str]) -> None:
    """Cases in cases/*.yml: a page of the fixture records (``page``), hand-written
    ``checks`` (starts_with, contains, excludes, count, at_least, in_order) and the whole
    page (``html``), refreshed with ``pytest --update-goldens``."""
    html = pages[golden["page"]]
    _check_page(html, golden["checks"])
    assert html == golden.out["html"]


def test_previous_and_next_follow_the_chronology(ctx: Context, pages: dict[str, str]) -> None:
    order = [event.id for event in ctx.chronology]
    assert order[0] == "2014-summer-border-clashes"
    assert order[-1] == "2022-10-31-sochi-summit"
    first, last = pages[f"events/{order[0]}.md"], pages[f"events/{order[-1]}.md"]
    assert "Previous:" not in first and f'href="../../events/{order[1]}/"' in first
    assert "Next:" not in last and f'href="../../events/{order[-2]}/"' in last
    middle = pages["events/2021-01-11-moscow-summit.md"]
    index = order.index("2021-01-11-moscow-summit")
    assert re.search(rf"Previous: .*?href=\"../../events/{order[index - 1]}/\"", middle)
    assert re.search(rf"Next: .*?href=\"../../events/{order[index + 1]}/\"", middle)


def test_co_actors_are_counted(ctx: Context) -> None:
    co_actors = dict(ctx.co_actors("vladimir-putin"))
    assert co_actors["ilham-aliyev"] == 3
    assert co_actors["nikol-pashinyan"] == 3
    assert co_actors["russia"] == 1  # as the place of the Moscow summit
    assert "vladimir-putin" not in co_actors
    assert ctx.co_actors("vladimir-putin")[0][1] == 3


def test_home_gives_key_events_and_years_when_there_are_too_many_events(ctx: Context) -> None:
    small = Context(ctx.catalog, options=Options(nav_max_events=3))
    home = site_pages(small)["index.md"].html
    linked = set(re.findall(r'href="events/([^/]+)/"', home))
    keys = {e.id for e in small.key_events} | {e.id for y in small.year_keys.values() for e in y}
    assert linked == keys
    assert len(linked) < len(ctx.catalog.events)
    assert '<h2 id="2020"><a href="years/2020/">2020</a></h2>\n<p>4 events. Key events:</p>' in home


def test_navigation_has_no_record_pages(ctx: Context) -> None:
    flat = repr(navigation(ctx, extra=["about.md"]))
    assert "events/" not in flat and "actors/index.md" in flat and "years/2021.md" in flat
    assert flat.endswith("'about.md']")


def test_urls_api() -> None:
    urls = Urls()
    assert urls.event("a-b") == "events/a-b/"
    assert urls.actor("x") == "actors/x/"
    assert urls.year(2020) == "years/2020/"
    assert urls.type("call") == "types/call/"
    assert urls.page("home") == ""
    assert urls.page("timeline") == "timeline/"
    assert Urls(directory_urls=False).event("a") == "events/a.html"
    assert Urls(directory_urls=False).page("review") == "review/index.html"
    assert urls.href("events/a.md", "actors/b.md") == "../../actors/b/"
    assert urls.href("index.md", "years/2020.md") == "years/2020/"
    assert urls.href("events/a.md", "index.md") == "../../"
    assert urls.href("index.md", "index.md") == "./"
    assert urls.href("about.md", "events.json") == "../events.json"
    flat = Urls(directory_urls=False)
    assert flat.href("events/a.md", "actors/b.md") == "../actors/b.html"
    assert flat.href("index.md", "review/index.md") == "review/index.html"
    assert Urls.to_root("timeline/") == "../"


def test_reserved_ids_and_bad_urls_are_reported() -> None:
    catalog = build_catalog(
        {
            "actors": [{"id": "index", "name": "Index", "kind": "person"}],
            "sources": [{"id": "s", "title": "S", "url": "javascript:alert(1)"}],
        }
    )
    assert any("reserved" in problem for problem in content_problems(catalog))
    assert any("only http(s)" in warning for warning in content_warnings(catalog))


def test_hostile_records_render_inert() -> None:
    hostile = " ".join(HOSTILE)
    catalog = build_catalog(
        {
            "events": [
                {
                    "id": "e",
                    "date": "2020-01-01",
                    "title": hostile,
                    "type": "other",
                    "summary": hostile,
                    "actors": ["a"],
                    "sources": [{"source": "s", "quote": hostile, "date_text": hostile}],
                    "flags": [{"code": hostile, "message": hostile}],
                }
            ],
            "actors": [{"id": "a", "name": hostile, "kind": "person", "aliases": [hostile]}],
            "sources": [
                {
                    "id": "s",
                    "title": hostile,
                    "publisher": hostile,
                    "url": "javascript:alert(1)",
                    "language": hostile,  # becomes a lang attribute: escaped like the rest
                }
            ],
        }
    )
    allowed = {"h1", "h2", "h3", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote"}
    allowed |= {"div", "table", "thead", "tbody", "tr", "th", "td", "span", "br"}
    allowed |= {"figure", "figcaption", "svg", "line", "rect", "text"}  # a record's own timeline
    attributes = {"href", "id", "class", "rel", "role", "title", "aria-label", "aria-hidden"}
    attributes |= {"lang"}
    attributes |= {"width", "height", "x", "y", "x1", "x2", "y1", "y2", "font-size"}
    attributes |= {"text-anchor", "fill", "fill-opacity", "stroke", "stroke-opacity"}
    for name, page in site_pages(Context(catalog)).items():
        for tag, attrs in _elements(page.html):
            assert tag in allowed, (name, tag)
            assert {key for key, _ in attrs} <= attributes, (name, attrs)
            if "lang" in dict(attrs):
                assert dict(attrs)["lang"] == " ".join(hostile.split()), name
            href = dict(attrs).get("href") or ""
            assert not href.lower().startswith(("javascript", "data", "vbscript")), name
        assert "{{" not in page.html, name
        assert "<" not in page.title, name
        for section in page.search or []:
            assert "<" not in section.title + section.text, name


def test_agreement_lifecycle_names_signing_entry_into_force_and_violation() -> None:
    from generator.model import Agreement, Event
    from generator.publish.pages_records import lifecycle_stage

    truce = Agreement(id="t", title="Truce", date="2020-10-17", effective="2020-10-18")
    assert lifecycle_stage(truce, Event(id="a", date="2020-10-17", title="x")) == "signed"
    assert lifecycle_stage(truce, Event(id="b", date="2020-10-18", title="x")) == "in force"
    broken = Event(id="c", date="2020-10-19", title="x", type="clashes")
    assert lifecycle_stage(truce, broken) == "violated"
    later = Event(id="d", date="2021-01-18", title="x", type="call")
    assert lifecycle_stage(truce, later) == "referred to (call)"


def test_page_writer_anchors_sections_and_feeds_search_only_what_the_page_tells() -> None:
    page = PageWriter("Talks <in> Moscow & Sochi")
    page.paragraph("Held on <em>two</em> days.")
    page.section("Sources", heading="Sources (2)")
    page.add("<ul><li><a href='x/'>TASS</a>, report</li></ul>")
    page.section("Sources")
    page.section("Before and after", search=False)
    page.paragraph("Next: another event")
    rendered = page.page()
    assert isinstance(rendered, HtmlPage)
    assert [anchor for anchor, _ in rendered.toc] == ["sources", "sources-2", "before-and-after"]
    assert '<h2 id="sources">Sources (2)</h2>' in rendered.html
    assert rendered.search is not None
    assert [section.anchor for section in rendered.search] == ["", "sources", "sources-2"]
    top, sources, _ = rendered.search
    assert top.title == "Talks &lt;in&gt; Moscow &amp; Sochi"
    assert top.text == "Held on two days."
    assert sources.title == "Sources (2)" and sources.text == "TASS, report"
    assert "another event" not in " ".join(section.text for section in rendered.search)
    assert "<" not in rendered.title and "‹in›" in rendered.title
    assert PageWriter("Listing", searchable=False).page().search == []


def test_plain_text_keeps_escaping_and_drops_tags() -> None:
    assert plain_text("<p>a &amp; <strong>b</strong></p><p>&lt;c&gt;</p>") == "a &amp; b &lt;c&gt;"
