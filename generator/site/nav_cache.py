"""Render the site navigation, and the rest of the theme's frame, once per folder of
record pages, not once per page.

The theme renders the whole navigation (sidebar and tabs) into every page. For a page that
is not in the navigation, nothing in it is marked active, so its HTML depends only on the
folder the page sits in (links are relative). The same holds for the parts of the frame
that name no page: the header's logo, colour palette and search box, the footer (a page
outside the navigation has no previous or next page), the stylesheets and scripts, and
the theme's configuration block. Record pages are thousands of such pages in four folders:
``cache_navigation`` renders each of these partials and blocks once per folder and hands
the same HTML to every other record page there, which cuts a large share of a big build.
Every other page (index pages, docs pages, the 404 page) renders as usual.

It wraps the render function of each partial's compiled template, which Jinja reuses for
every ``{% include %}`` of it within the build's environment, and of each block in the base
template's ``blocks``, which Jinja reads each time a page template extends it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2

# The theme partials that draw the navigation and the parts of the frame that name no page,
# and the blocks of the base template that do not (Material's names).
PARTIALS = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/logo.html",
    "partials/palette.html",
    "partials/search.html",
    "partials/footer.html",
)
BLOCKS = {"base.html": ("styles", "libs", "fonts", "analytics", "config", "scripts")}


def folder_of(url: str) -> str:
    """The folder a page URL sits in: 'events' for 'events/x/' and for 'events/x.html'."""
    return posixpath.dirname(url.rstrip("/"))


def cache_navigation(env: jinja2.Environment, cacheable: Callable[[Any], bool]) -> list[str]:
    """Make the navigation partials of ``env`` render once per folder for every page that
    ``cacheable(page)`` accepts; returns the partials found."""
    rendered: dict[tuple[str, str], str] = {}
    found = []
    for name in PARTIALS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        template.root_render_func = _cached(name, template.root_render_func, cacheable, rendered)
        found.append(name)
    for name, blocks in BLOCKS.items():
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        for block in blocks:
            render = template.blocks.get(block)
            if render is not None:
                key = f"{name}#{block}"
                template.blocks[block] = _cached(key, render, cacheable, rendered)
                found.append(key)
    return found


def _cached(
    name: str,
    render: Callable[[Any], Iterator[str]],
    cacheable: Callable[[Any], bool],
    rendered: dict[tuple[str, str], str],
) -> Callable[[Any], Iterator[str]]:
    def render_once(context: Any) -> Iterator[str]:
        page = context.get("page")
        if page is None or not cacheable(page):
            yield from render(context)
            return
        key = (name, folder_of(page.url))
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = "".join(render(context))
        yield html

    return render_once
