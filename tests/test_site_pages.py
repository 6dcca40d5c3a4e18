"""Page content as pure functions of a Catalog: escaping, dates, neighbours, co-actors."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.model import build_catalog
from generator.site.context import Context, Options
from generator.site.pages import content_problems, content_warnings, navigation, site_pages
from generator.site.render import safe_url, text, title_text
from generator.site.urls import Urls
from generator.store import load_catalog

FIXTURE = Path(__file__).parent / "fixtures" / "content"

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
    return site_pages(ctx)


def _render(source: str) -> str:
    # The extensions a Material site typically enables; raw HTML stays possible, so the
    # safety must come from the escaping itself.
    return markdown.markdown(source, extensions=["tables", "attr_list", "md_in_html", "toc"])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_is_inert_markdown(hostile: str) -> None:
    html = _render(f"- {text(hostile)}")
    assert "<script" not in html
    assert "<img" not in html
    assert not re.search(r"<[^>]+\son\w+=", html)  # no event-handler attribute on a tag
    assert "href" not in html
    assert "{{" not in html and "--8<--" not in html
    assert "<h1" not in html and "<table" not in html and "<code" not in html
    assert html.count("<li>") == 1


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


def test_event_page_shows_date_at_true_precision(pages: dict[str, str]) -> None:
    assert pages["events/2020-11-10-peacekeepers-deployed.md"].startswith("# November 2020 — ")
    assert pages["events/2014-summer-border-clashes.md"].startswith("# c&#46; summer 2014 — ")
    assert pages["events/2020-10-09-moscow-talks.md"].startswith("# 9–10 October 2020 — ")
    assert pages["events/2022-statement.md"].startswith("# 2022 — ")


def test_event_page_lists_claims_flags_and_links(pages: dict[str, str]) -> None:
    page = pages["events/2021-01-11-moscow-summit.md"]
    assert page.count("\n> ") == 2  # one quote per source claim
    assert 'class="admonition warning"' in page
    assert "Sources disagree on the date" in page
    assert "(../sources/armenpress-2021-01-12-moscow-meeting.md)" in page
    assert "(../actors/vladimir-putin.md)" in page
    assert "(../agreements/trilateral-statement-2020-11-09.md)" in page
    assert "date as written: “On Monday, January 11”" in page
    assert "**Importance:** 2 sources" in page


def test_previous_and_next_follow_the_chronology(ctx: Context, pages: dict[str, str]) -> None:
    order = [event.id for event in ctx.chronology]
    assert order[0] == "2014-summer-border-clashes"
    assert order[-1] == "2022-10-31-sochi-summit"
    first, last = pages[f"events/{order[0]}.md"], pages[f"events/{order[-1]}.md"]
    assert "Previous:" not in first and f"({order[1]}.md)" in first
    assert "Next:" not in last and f"({order[-2]}.md)" in last
    middle = pages["events/2021-01-11-moscow-summit.md"]
    index = order.index("2021-01-11-moscow-summit")
    assert re.search(rf"Previous: .*\({order[index - 1]}\.md\)", middle)
    assert re.search(rf"Next: .*\({order[index + 1]}\.md\)", middle)


def test_co_actors_are_counted(ctx: Context) -> None:
    co_actors = dict(ctx.co_actors("vladimir-putin"))
    assert co_actors["ilham-aliyev"] == 3
    assert co_actors["nikol-pashinyan"] == 3
    assert co_actors["russia"] == 1  # as the place of the Moscow summit
    assert "vladimir-putin" not in co_actors
    assert ctx.co_actors("vladimir-putin")[0][1] == 3


def test_actor_page_has_every_alias_and_events_in_order(pages: dict[str, str]) -> None:
    page = pages["actors/sergey-lavrov.md"]
    assert "Sergei Lavrov" in page and "Lavrov" in page
    talks = page.index("2020-10-09-moscow-talks")
    statement = page.index("2022-statement")
    assert talks < statement
    assert "## Appears with" in page


def test_agreement_lifecycle_by_date(pages: dict[str, str]) -> None:
    page = pages["agreements/trilateral-statement-2020-11-09.md"]
    lifecycle = page[page.index("## Lifecycle") :]
    positions = [
        lifecycle.index(event_id)
        for event_id in (
            "2020-11-10-peacekeepers-deployed",
            "2020-11-09-joint-statement-signed",
            "2021-01-11-moscow-summit",
        )
    ]
    assert positions == sorted(positions)
    assert "**Effective:** 10 November 2020" in page
    assert page.count("(../actors/") >= 7  # parties, signatories, mediators


def test_home_groups_by_year_and_month(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    headings = [line for line in home.splitlines() if line.startswith("#")]
    assert "## [2020](years/2020.md)" in headings
    assert "### November 2020" in headings and "### Summer 2014" in headings
    assert "### Sometime in 2022" in headings
    assert len(headings) == len(set(headings))
    assert home.index("2014-summer-border-clashes") < home.index("2022-10-31-sochi-summit")


def test_home_summarises_years_when_there_are_too_many_events(ctx: Context) -> None:
    small = Context(ctx.catalog, options=Options(nav_max_events=3))
    home = site_pages(small)["index.md"]
    assert "events/" not in home
    assert "- [2020](years/2020.md) — 4 events" in home


def test_review_lists_flagged_and_unsure_records(pages: dict[str, str]) -> None:
    review = pages["review/index.md"]
    flagged = review[review.index("## Flagged events") : review.index("## Low-confidence")]
    assert "2021-01-11-moscow-summit" in flagged
    unsure = review[review.index("## Low-confidence") : review.index("## Sources with")]
    assert "2014-summer-border-clashes" in unsure and "0.50" in unsure
    sources = review[review.index("## Sources with") :]
    assert "armenpress-2021-01-12-moscow-meeting" in sources
    assert "tass-2020-11-10" not in sources


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
    assert urls.link("events/a.md", "actors/b.md") == "../actors/b.md"
    assert urls.link("index.md", "years/2020.md") == "years/2020.md"
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
                {"id": "s", "title": hostile, "publisher": hostile, "url": "javascript:alert(1)"}
            ],
        }
    )
    for name, source in site_pages(Context(catalog)).items():
        html = _render(source)
        assert "<script" not in html, name
        assert "<img" not in html, name
        assert "javascript:" not in html, name
        assert "{{" not in html and "--8<--" not in html, name
        assert not re.search(r"<[^>]+\son\w+=", html), name


def test_agreement_lifecycle_names_signing_entry_into_force_and_violation() -> None:
    from generator.model import Agreement, Event
    from generator.site.pages_records import lifecycle_stage

    truce = Agreement(id="t", title="Truce", date="2020-10-17", effective="2020-10-18")
    assert lifecycle_stage(truce, Event(id="a", date="2020-10-17", title="x")) == "signed"
    assert lifecycle_stage(truce, Event(id="b", date="2020-10-18", title="x")) == "in force"
    broken = Event(id="c", date="2020-10-19", title="x", type="clashes")
    assert lifecycle_stage(truce, broken) == "violated"
    later = Event(id="d", date="2021-01-18", title="x", type="call")
    assert lifecycle_stage(truce, later) == "referred to (call)"
