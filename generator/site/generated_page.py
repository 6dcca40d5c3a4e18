"""A MkDocs page whose HTML comes from a page writer instead of Markdown.

MkDocs builds every page by converting Markdown, which for thousands of record pages is
most of the build. The plugin creates these pages itself (MkDocs keeps a page a plugin
sets on ``File.page``), so each renders straight from its ``HtmlPage`` when MkDocs reaches
it, with no Markdown pass. Every plugin event still runs for it as for any page.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from generator.publish.html_page import HtmlPage


class GeneratedPage(Page):
    """A page rendered by ``write`` when MkDocs renders it; ``rendered`` holds the result
    until the plugin has handed its search entries on."""

    def __init__(
        self, title: str | None, file: File, config: MkDocsConfig, write: Callable[[], HtmlPage]
    ) -> None:
        super().__init__(title, file, config)
        self._write = write
        self.rendered: HtmlPage | None = None

    def read_source(self, config: MkDocsConfig) -> None:
        """There is no Markdown source: the page starts empty."""
        self.markdown = ""
        self.meta = {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Render the page's HTML, table of contents, title and front matter."""
        rendered = self.rendered = self._write()
        self.meta.update(rendered.meta)
        self._title_from_render = rendered.title  # as if read from the page's h1
        self.content = rendered.html
        self.toc = table_of_contents(rendered)


def table_of_contents(rendered: HtmlPage) -> TableOfContents:
    """The page's h1 with its h2 sections, in the shape Python-Markdown's toc would give."""
    sections = [{"level": 2, "id": a, "name": name, "children": []} for a, name in rendered.toc]
    top = {"level": 1, "id": "title", "name": rendered.title, "children": sections}
    return get_toc([top])  # type: ignore[list-item]
