"""Records -> pages, timeline data, exports and the search index: pure functions of a
``Catalog``, with no MkDocs or Jinja import, so that another site engine could take the same
output.

- ``pages``: every page of the site and the navigation; ``pages_event`` renders the event
  page, ``pages_records`` the actor, agreement and source pages, ``pages_lists`` the
  indexes, home and review;
- ``keys``: the key events; ``reading``: what a reader is told about an event (its best
  sentence, disagreements and confidence in words); ``strip``: a record's own timeline;
- ``html_page``, ``render``: HTML building with every text escaped; ``urls`` links;
- ``context``: the indexes pages are rendered from; ``timeline``: the timeline page and
  its data; ``exports``: JSON, CSV, iCalendar, Atom and TimelineJS files;
  ``search_index``: the search index in small files for large sites.
"""
