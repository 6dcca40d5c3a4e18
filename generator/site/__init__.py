"""The MkDocs adapter: thin hooks that hand the catalog to `generator.publish`.

- ``plugin``: the ``chronology`` plugin (entry point) and its hooks;
- ``config``: its options; ``generated_page``: a generated page as an MkDocs page;
- ``nav_cache``: the navigation drawn once per folder; ``search``: Material's search
  index and Pagefind; ``assets/``: the timeline's script, style and vendored vis-timeline.
"""
