"""Corpus-level and pure: every article's mentions -> events, actors and agreements.

- ``resolve``: each mention's entities resolved to actors (``actors``: spellings,
  aliases, demonyms and capitals, acronyms);
- ``clustering``: mentions of one real event across articles -> one cluster, and the
  records built from the clusters (dates chosen, disagreements flagged);
- ``pairing``: how alike two mentions are.
"""
