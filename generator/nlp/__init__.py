"""The analysis of one article with spaCy — the only package that imports it.

- ``pipeline``: loads the model (name configurable) with the actor ruler and the tagger,
  and analyses batches of articles;
- ``components``: the spaCy components, all registered in this one module;
- ``patterns``: entity-ruler patterns from actor records, and each article's anchor date;
- ``mentions``: dated sentences -> event mentions (date, type, actors, quote);
- ``event_types``: an event's type and whether a clause tells news at all;
- ``titles``: where an event's title is made, from the parse;
- ``names``: which entity texts can name an actor.
"""
