"""Mentions with their entities resolved to actors: the first corpus-level step.

The mentions the analysis found are not changed: each resolved mention is a new one with
its actor and place keys (and, where the sentence gave none, a title made from them).
"""

from __future__ import annotations

from dataclasses import replace

from generator.consolidate.actors import ActorResolver
from generator.model import Mention, Mentioned
from generator.nlp.titles import fallback_title


def resolve_mentions(mentions: list[Mention], resolver: ActorResolver) -> list[Mention]:
    """Every mention with its entities resolved to actors, and a title where it had none."""
    return [_resolved(mention, resolver) for mention in mentions]


def _resolved(mention: Mention, resolver: ActorResolver) -> Mention:
    actor_keys = _resolve_all(mention.actors, resolver)
    place_keys = [k for k in _resolve_all(mention.places, resolver) if k not in actor_keys]
    title = mention.title
    if not title:
        names = [resolver.display_name(key) for key in actor_keys]
        people = [resolver.display_name(k) for k in actor_keys if resolver.kind_of(k) == "person"]
        title = fallback_title(mention.type, mention.quote, mention.date_text, people or names)
    return replace(mention, actor_keys=actor_keys, place_keys=place_keys, title=title)


def _resolve_all(items: list[Mentioned], resolver: ActorResolver) -> list[str]:
    keys: list[str] = []
    for item in items:
        key = resolver.resolve(item)
        if key is not None and key not in keys:
            keys.append(key)
    return keys
