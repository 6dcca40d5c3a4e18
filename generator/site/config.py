"""The plugin's settings in mkdocs.yml (``plugins: - chronology: {...}``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ChronologyConfig(Config):
    """Options of the ``chronology`` plugin; every one has a working default."""

    enabled = c.Type(bool, default=True)
    # Folder of YAML records, relative to the folder holding mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # Build the navigation (Home, Timeline, years, indexes, Review, then the docs pages)
    # when mkdocs.yml has no `nav` of its own.
    nav_enabled = c.Type(bool, default=True)
    # Above this many events, the home page lists years (linking the year pages) instead
    # of every event.
    nav_max_events = c.Type(int, default=500)
    # The navigation lists each year up to this many years; above it, readers reach the
    # years from the home page. MkDocs renders the whole navigation into every page, so
    # each entry costs time on every page of the site.
    nav_max_years = c.Type(int, default=12)
    # Events whose `confidence` is below this go on the review page.
    review_min_confidence = c.Type(float, default=0.6)
    # The interactive timeline page (needs the generator.publish.timeline module).
    timeline_enabled = c.Type(bool, default=True)
    # JSON, CSV, iCalendar, Atom and TimelineJS exports at the site root.
    exports_enabled = c.Type(bool, default=True)
    # Render the navigation once per folder of record pages instead of once per page (the
    # same HTML: a record page is never in the navigation). Turn off if a theme override
    # makes the navigation depend on the page it is drawn on.
    cache_navigation = c.Type(bool, default=True)
    # `material`: the theme's search plugin (add `- search` to `plugins`). `pagefind`:
    # index the built site with Pagefind and add a Search page; for large sites, as the
    # browser then fetches only the parts of the index a query needs (needs
    # `pip install 'chronology[pagefind]'`; drop `- search` from `plugins`).
    search_backend = c.Choice(("material", "pagefind"), default="material")
