"""Where an event happened: the place its sentence puts it in, else the
dateline, else the acting side's own country when it acts at home.

Toponyms are resolved in context (places.Preference): the countries of the
event's actors, the dateline's country, and the countries and divisions the
article names, with an admin qualifier ("Paris, Texas", "Hyderabad in Sindh",
"the Texas town of Paris") restricting the candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from dyad.nlp import ents_in
from dyad.places import Gazetteer, Preference, normalise
from dyad.records import Actor, Location

LOCATIVE_PREPS = {"in", "near", "at", "outside", "inside", "around", "across", "off"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# The small English model often calls a city an organisation or a person
# ("in Hyderabad" as ORG): under a locative preposition, the gazetteer decides.
LOCATIVE_LABELS = PLACE_LABELS | {"ORG", "PERSON"}


def locative_places(sentence: Span, labels: set[str] = PLACE_LABELS) -> list[Span]:
    """Place names the sentence puts something in: governed by a locative
    preposition ("in Ankara", "near the border town of Kilis")."""
    found = []
    for ent in ents_in(sentence):
        if ent.label_ not in labels:
            continue
        governor = ent.root.head
        # Climb through "the border town of X" to the preposition that governs it.
        while (
            governor.dep_ in {"pobj", "compound", "appos"}
            or governor.pos_ in {"NOUN", "PROPN"}
            or (governor.dep_ == "prep" and governor.lower_ == "of")
        ):
            if governor.head.i == governor.i:
                break
            governor = governor.head
        if governor.dep_ == "prep" and governor.lower_ in LOCATIVE_PREPS:
            found.append(ent)
    return found


def qualifier(ent: Span) -> str | None:
    """The division or country an admin context gives a place: 'Paris, Texas',
    'Hyderabad in Sindh province', 'the Texas town of Paris'."""
    doc = ent.doc
    after = ent.end
    if after + 1 < len(doc) and doc[after].text in {",", "in"}:
        start = after + 1
        while start < len(doc) - 1 and doc[start].pos_ in {"ADJ", "DET"}:
            start += 1  # "Tripoli, in northern Lebanon"
        following = _ent_at(doc, start)
        if following is not None and following.label_ in LOCATIVE_LABELS:
            return following.text
    # "the Texas town of Paris": a place name before "<noun> of" right before the entity.
    if ent.start >= 3 and doc[ent.start - 1].lower_ == "of":
        for token in doc[max(0, ent.start - 5) : ent.start - 2]:
            named = _ent_at(doc, token.i)
            if named is not None and named.label_ == "GPE" and named.end <= ent.start - 2:
                return named.text
    return None


def _ent_at(doc: Doc, index: int) -> Span | None:
    token = doc[index]
    if not token.ent_type_:
        return None
    return next((e for e in ents_in(doc) if e.start <= index < e.end), None)


@dataclass(frozen=True, slots=True)
class DocumentPlaces:
    """The countries and divisions an article names anywhere in its text."""

    countries: tuple[str, ...]
    divisions: tuple[str, ...]


class EventLocator:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def document_places(self, sentences: Iterable[Span]) -> DocumentPlaces:
        countries: list[str] = []
        divisions: list[str] = []
        for sentence in sentences:
            for ent in ents_in(sentence):
                if ent.label_ not in PLACE_LABELS:
                    continue
                iso3 = self.gazetteer.country_names.get(normalise(ent.text))
                # "Georgia" may be the US state: a name is no evidence for itself.
                namesakes = {p.country for p in self.gazetteer.lookup_division(ent.text)}
                if iso3 and iso3 not in countries and not namesakes - {iso3}:
                    countries.append(iso3)
                # A division hints at its places only where the name is no city
                # or country too ("Texas", not "Tripoli" or "Georgia").
                name = ent.text
                if (
                    not iso3
                    and not self.gazetteer.lookup(name)
                    and self.gazetteer.lookup_division(name)
                ):
                    divisions.append(normalise(name))
        return DocumentPlaces(tuple(countries), tuple(divisions))

    def preference(
        self,
        actors: Sequence[Actor | None],
        dateline_country: str | None,
        document: DocumentPlaces,
        seen: Iterable[str] = (),
    ) -> Preference:
        present = [a for a in actors if a is not None and a.country]
        return Preference(
            home=[a.country for a in present if _acts_at_home(a)],  # type: ignore[misc]
            sentence=[a.country for a in present],  # type: ignore[misc]
            dateline=dateline_country,
            document=[*document.countries, *seen],
            divisions=document.divisions,
        )

    def locate(
        self,
        sentence: Span,
        source: Actor,
        target: Actor | None,
        dateline: str | None,
        preference: Preference,
    ) -> Location | None:
        """The event's place: named in its sentence, else the dateline, else the
        acting side's own country when nothing says it acted abroad."""
        for name, within in place_mentions(sentence):
            place = self.gazetteer.resolve(name, preference, within)
            if place is not None:
                return place.to_location()
        if dateline:
            # The dateline decides by the text alone, not by its own first reading.
            place = self.gazetteer.resolve(dateline, replace(preference, dateline=None))
            if place is not None:
                return place.to_location()
        if not _abroad(source, target):
            home = self.gazetteer.country(source.country)
            if home is not None:
                return home.to_location()
        return None


def place_mentions(sentence: Span) -> list[tuple[str, str | None]]:
    """The names of places a sentence puts its event in, with their admin
    qualifiers, best first: under a locative preposition; the destination of
    a journey ("will travel to Jeddah", "visited Georgia"); a proper noun
    under a locative preposition that NER missed ("in Arequipa")."""
    found = [
        (_with_hyphens(ent), qualifier(ent)) for ent in locative_places(sentence, LOCATIVE_LABELS)
    ]
    for ent in ents_in(sentence):
        if ent.label_ in PLACE_LABELS and _destination(ent):
            found.append((_with_hyphens(ent), qualifier(ent)))
    for token in sentence:
        if (
            token.dep_ == "pobj"
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and token.head.lower_ in LOCATIVE_PREPS
        ):
            parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            found.append((" ".join(t.text for t in [*parts, token]), None))
    return found


MOVEMENT_LEMMAS = {
    "travel", "fly", "go", "head", "return", "come", "arrive", "deploy", "send", "move",
    "march", "sail", "drive", "dispatch",
}  # fmt: skip
VISIT_LEMMAS = {"visit", "tour"}


def _destination(ent: Span) -> bool:
    root = ent.root
    if root.dep_ == "dobj" and root.head.lemma_ in VISIT_LEMMAS:
        return True
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.lower_ == "to"
        and preposition.head.lemma_ in MOVEMENT_LEMMAS
    )


def _with_hyphens(ent: Span) -> str:
    """'Mazar-i-Sharif', of which NER often takes only 'Mazar'."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        end += 2
    return doc[ent.start : end].text


def _abroad(source: Actor, target: Actor | None) -> bool:
    """Whether the event's target is another state ("Russia accused Georgia",
    "summoned the Japanese ambassador"): then the source's country is no
    location. Foreign civilians, activists or an IGO envoy are met at home."""
    if target is None or target.country is None or len(target.country) != 3:
        return False
    if target.country == source.country:
        return False
    return not target.sectors or bool(TRAVELLING_SECTORS & set(target.sectors))


# Sectors whose actors go abroad: a minister or an army may act anywhere.
TRAVELLING_SECTORS = {"GOV", "MIL", "SPY"}


def _acts_at_home(actor: Actor) -> bool:
    return bool(actor.sectors) and not TRAVELLING_SECTORS & set(actor.sectors)
