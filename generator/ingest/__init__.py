"""Ingest: article files -> `generator.model.Article` (no spaCy, no click).

- ``reader``: walks a folder, reads each file by its extension (``READERS``), builds the
  articles and settles ambiguous years across the corpus (``resolve_years``);
- ``decoding``: bytes -> text (byte-order marks, UTF-8/16, 8-bit guesses);
- ``formats``: plain text, Markdown with front matter, JSON Lines -> a ``Page``;
- ``html``: an HTML page -> a ``Page`` (headline, meta dates, article body);
- ``furniture``: page furniture that is not news (related headlines, credits, bylines);
- ``published``: where publication dates are found — date lines, datelines, inference
  from the text.
"""
