"""Mentions with their entities resolved to actors: the first corpus-level step.

The mentions the analysis found are not changed: each resolved mention is a new one with
its actor and place keys (and, where the sentence gave none, a title made from them).
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.consolidate.actors import ActorResolver
from generator.model import Mention, Mentioned
from generator.nlp.names import clean_name
from generator.nlp.titles import fallback_title


def resolve_mentions(mentions: list[Mention], resolver: ActorResolver) -> list[Mention]:
    """Every mention with its entities resolved to actors, and a title where it had none.

    A name any article uses for a thing ("Hurricane Milton", "the Titan submersible") is
    no actor in any article ("Milton made landfall")."""
    things = {
        clean_name(item.text).lower()
        for mention in mentions
        for item in [*mention.actors, *mention.places]
        if item.thing
    }
    return [_resolved(mention, resolver, things) for mention in mentions]


# Words in quotation marks: what was said, not who said it.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _resolved(mention: Mention, resolver: ActorResolver, things: set[str]) -> Mention:
    actors = [m for m in mention.actors if clean_name(m.text).lower() not in things]
    places = [m for m in mention.places if clean_name(m.text).lower() not in things]
    actor_keys = _resolve_all(actors, resolver)
    place_keys = [k for k in _resolve_all(places, resolver) if k not in actor_keys]
    title = mention.title
    if not title:
        names = [resolver.display_name(key) for key in actor_keys]
        people = [resolver.display_name(k) for k in actor_keys if resolver.kind_of(k) == "person"]
        chosen = people or names
        if mention.type == "statement":
            # a statement is made by its speaker, not by someone its quoted words name
            outside = _QUOTED.sub(" ", mention.quote)
            chosen = [n for n in chosen if n.split()[-1] in outside]
        title = fallback_title(mention.type, mention.quote, mention.date_text, chosen)
    return replace(mention, actor_keys=actor_keys, place_keys=place_keys, title=title)


def _resolve_all(items: list[Mentioned], resolver: ActorResolver) -> list[str]:
    keys: list[str] = []
    for item in items:
        key = resolver.resolve(item)
        if key is not None and key not in keys:
            keys.append(key)
    return keys
