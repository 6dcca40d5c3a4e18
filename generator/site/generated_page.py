"""A MkDocs page whose HTML comes from a page writer instead of Markdown, and a generated
file whose content is made when MkDocs writes it.

MkDocs builds every page by converting Markdown, which for thousands of record pages is
most of the build. The plugin creates these pages itself (MkDocs keeps a page a plugin
sets on ``File.page``), so each renders straight from its ``HtmlPage`` with no Markdown
pass. MkDocs reads every page first and writes them all afterwards, holding every page's
HTML in between; a generated page is drawn only when it is written (``draw``, from the
plugin's ``on_page_context``) and let go right after (``release``), so a build holds one
page at a time. In the reading pass, other plugins' ``on_page_content`` see it empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from generator.publish.html_page import HtmlPage


class GeneratedPage(Page):
    """A page drawn by ``write`` when MkDocs writes it."""

    def __init__(
        self, title: str | None, file: File, config: MkDocsConfig, write: Callable[[], HtmlPage]
    ) -> None:
        super().__init__(title, file, config)
        self._write = write

    def read_source(self, config: MkDocsConfig) -> None:
        """There is no Markdown source: the page starts empty."""
        self.markdown = ""
        self.meta = {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """MkDocs' reading pass: nothing to convert; the page is drawn when it is written."""
        self.content = ""
        self.toc = get_toc([])

    def draw(self) -> HtmlPage:
        """Draw the page's HTML, table of contents, title and front matter (just before
        its template renders)."""
        rendered = self._write()
        self.meta.update(rendered.meta)
        self._title_from_render = rendered.title  # as if read from the page's h1
        self.content = rendered.html
        self.toc = table_of_contents(rendered)
        return rendered

    def release(self) -> None:
        """Let the page's HTML go once it is written."""
        self.content = None


def table_of_contents(rendered: HtmlPage) -> TableOfContents:
    """The page's h1 with its h2 sections, in the shape Python-Markdown's toc would give."""
    sections = [{"level": 2, "id": a, "name": name, "children": []} for a, name in rendered.toc]
    top = {"level": 1, "id": "title", "name": rendered.title, "children": sections}
    return get_toc([top])  # type: ignore[list-item]


class LazyFile(File):
    """A generated file (an export, the timeline data) made when MkDocs copies it into the
    site, and not kept: a large site's exports are hundreds of megabytes together."""

    _make: Callable[[], str | bytes] | None = None

    @classmethod
    def lazy(cls, config: MkDocsConfig, uri: str, make: Callable[[], str | bytes]) -> LazyFile:
        """The file ``uri`` of the site, whose content ``make()`` gives."""
        file = cast(LazyFile, cls.generated(config, uri, content=b""))
        file._make = make
        return file

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:
        return self._make() if self._make is not None else b""

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        pass  # always made afresh

    def is_modified(self) -> bool:
        """Always written (telling would mean making it)."""
        return True
