"""Actors an event implies but its sentence does not name.

- the agent of an agentless passive: "a Dublin man was charged" is the police
  of his country acting on him ([implied_agents] in patterns.toml);
- the host of a visit or meeting: "arrived in Buenos Aires" is a visit to
  Argentina (host_target_roots);
- the government a protest is aimed at: "nurses went on strike" protest to
  their own government (government_target_roots).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.actors import ActorResolver
from dyad.events.patterns import PatternSet
from dyad.locate import locative_places
from dyad.records import Actor


def implied_agents(patterns: PatternSet, verb: Token, acted_on: list[Actor]) -> list[Actor]:
    """Who did it when the passive does not say: "a Dublin man was charged"
    (the police of his country), "was sentenced" (its courts)."""
    sector = patterns.implied_agents.get(verb.lemma_.lower())
    countries = dict.fromkeys(a.country for a in acted_on if a.country and len(a.country) == 3)
    if sector is None or len(countries) != 1:
        return []
    (country,) = countries
    return [Actor(text="", code=f"{country}{sector}", country=country, sectors=(sector,))]


def host_country(resolver: ActorResolver, sources: list[Actor], sentence: Span) -> list[Actor]:
    """The country a visit or meeting takes place in, when it is not the
    visitor's own: "arrived in Buenos Aires", "landed in Havana". (Two sides
    meeting in a third country meet each other.)"""
    if len(sources) != 1:
        return []
    home = {s.country for s in sources}
    for place in locative_places(sentence):
        country = resolver.place_country(place.text)
        if country and country not in home:
            start = place.start_char - sentence.start_char
            span = (start, start + len(place.text))
            return [Actor(text=place.text, code=country, country=country, span=span)]
    return []


def own_government(actor: Actor) -> Actor | None:
    """The government of the actor's country, unless the actor is one."""
    if not actor.country or "GOV" in actor.sectors or len(actor.country) != 3:
        return None
    return Actor(text="", code=f"{actor.country}GOV", country=actor.country, sectors=("GOV",))
