"""The plugin's settings in mkdocs.yml (``plugins: - chronology: {...}``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from generator.site.search import INDEX_ABOVE


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
    # `auto`: Material's search plugin (when `- search` is in `plugins`) up to
    # `search_index_above` events, the chronology's own index in small files above that
    # (the browser fetches only the parts a query needs; Material's single index is tens of
    # megabytes at tens of thousands of events). `material`, `chronology`: always that one.
    # `pagefind`: Pagefind, with a Search page (drop `- search` from `plugins`; it needs
    # about 50 kB of memory per page to build).
    search_backend = c.Choice(("auto", "material", "chronology", "pagefind"), default="auto")
    # With `search_backend: auto`, above this many events the site uses its own index.
    search_index_above = c.Type(int, default=INDEX_ABOVE)
