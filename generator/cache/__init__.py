"""The caches of an extraction, on one entry store (``entries``).

- ``articles``: each file's articles, so an unchanged file is not read again;
- ``mentions``: each article's mentions, so an unchanged article is not analysed again;
- ``runs``: the last completed run, to skip a run that would change nothing;
- ``versions``: the code and model versions every entry depends on.
"""
