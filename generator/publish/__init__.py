"""Records -> pages, timeline data and exports: pure functions of a ``Catalog``, with no
MkDocs or Jinja import, so that another site engine could take the same output.

- ``pages``: every page of the site and the navigation; ``pages_records`` renders the
  event, actor, agreement and source pages, ``pages_lists`` the indexes, home and review;
- ``html_page``, ``render``: HTML building with every text escaped; ``urls`` links;
- ``context``: the indexes pages are rendered from; ``timeline``: the timeline page and
  its data; ``exports``: JSON, CSV, iCalendar, Atom and TimelineJS files.
"""
