"""Resolving a noun phrase in a parsed sentence to coded actors.

An actor's code is its country (ISO alpha-3) or organisation code followed by
its sectors: "Turkish Defense Minister Hulusi Akar" -> TUR + GOV MIL =
TURGOVMIL. The country comes from names, adjectives, possessives, capitals
and metonyms in the phrase; sectors come from role nouns and titles. A phrase
may stand for several actors ("Turkish, Israeli ministers", "the two
countries"). Names and pronouns without a country are resolved through the
document's memory of the people already coded (coreference).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from dyad.actors.context import (
    DocContext,
    actor_before,
    person_before,
    register,
    relocate,
)
from dyad.actors.dictionary import ActorDictionary
from dyad.actors.lexicon import ActorLexicon, CountryEntry, CountryMention, OrganisationEntry
from dyad.actors.phrases import (
    QUANTITIES,
    capitalised,
    counts_two,
    definite,
    name_run,
    of_object,
    person_name,
    phrase_end,
    phrase_head,
    phrase_tokens,
    place_name,
    proper_name,
)
from dyad.locate import LOCATIVE_PREPS, locative_places
from dyad.nlp import ents_in
from dyad.places import Gazetteer, Preference
from dyad.records import Actor

# Dependents that belong to an actor's noun phrase. Conjuncts are actors of
# their own; relative clauses and most prepositions describe, not identify.
_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
_COLLECTIVE_PRONOUNS = {"it", "its"}  # a country, a government, an organisation
_PLURAL_PRONOUNS = {"they", "them", "their"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


class ActorResolver:
    def __init__(
        self, lexicon: ActorLexicon, gazetteer: Gazetteer, people: ActorDictionary | None = None
    ) -> None:
        self.lexicon = lexicon
        self._longest_name = lexicon.longest_name
        self.gazetteer = gazetteer
        self.people = people or ActorDictionary()

    def new_context(
        self, dateline: str | None, published: date | None = None, prefer: Iterable[str] = ()
    ) -> DocContext:
        """A document's context; `prefer` are the countries it names, which
        decide an ambiguous dateline ("TRIPOLI" in a story about Lebanon)."""
        return DocContext(
            dateline_country=self.place_country(dateline, prefer) if dateline else None,
            published=published,
        )

    def place_preference(self, context: DocContext) -> Preference:
        """What the document says so far about where its places are."""
        seen = [c for c, _ in context.countries_seen.most_common()]
        return Preference(dateline=context.dateline_country, document=seen)

    def place_country(self, name: str, prefer: Iterable[str] | Preference = ()) -> str | None:
        """The country a place name refers to: a country name itself, a state or
        province in it ('Borno state'), or a city. An ambiguous division
        ('Punjab') goes to a preferred country, or to none."""
        if isinstance(prefer, Preference):
            countries = [c for c in [prefer.dateline, *prefer.document] if c]
        else:
            countries = list(prefer)
        entry = self.lexicon.countries.get(tuple(name.lower().split()))
        # A capital's name may be a namesake elsewhere ("Tripoli" in Lebanon), and a
        # country's a state elsewhere ("Georgia"): the document decides.
        namesake = entry is not None and (
            entry.kind is CountryMention.CAPITAL
            or any(p.country != entry.iso3 for p in self.gazetteer.lookup_division(name))
        )
        if entry and not (namesake and countries):
            return entry.iso3
        divisions = self.gazetteer.division_countries(name)
        if divisions and not self.gazetteer.lookup(name):
            if len(divisions) == 1:
                return next(iter(divisions))
            return next((c for c in countries if c in divisions), None)
        place = self.gazetteer.resolve(name, prefer)
        return place.country if place else None

    def remember(self, sentence: Span, context: DocContext) -> None:
        """Register the people named in a sentence, in order, for later coreference."""
        for ent in ents_in(sentence):
            if ent.label_ == "PERSON":
                head = phrase_head(ent.root)
                self.resolve(head, sentence, context)

    def resolve(self, head: Token, sentence: Span, context: DocContext) -> list[Actor]:
        """The actors a noun phrase headed by `head` stands for (empty if none).

        The head itself must name an actor (a name, a country, an organisation,
        a role): "a military cooperation agreement" is no actor although
        "military" is a role word."""
        if head.lower_ in _PRONOUNS:
            referent = person_before(head, context)
            return [relocate(referent, head, sentence)] if referent else []
        if head.lower_ in _PLURAL_PRONOUNS:
            return [relocate(actor, head, sentence) for actor in context.last_subjects]
        if head.lower_ in _COLLECTIVE_PRONOUNS:
            # "Kenya said it would send police": the last unnamed actor in this sentence.
            # "Iran said it had arrested ...": the speaker of the reporting verb.
            speaker = _reporting_subject(head)
            if speaker is not None:
                return [
                    relocate(a, head, sentence) for a in self.resolve(speaker, sentence, context)
                ]
            since = context.offset_base + sentence.start_char
            earlier = actor_before(head, context, lambda a: a.name is None, since=since)
            return [relocate(earlier, head, sentence)] if earlier else []
        if head.lemma_.lower() in QUANTITIES:
            of = of_object(head)
            if of is not None:
                return self.resolve(of, sentence, context)
        tokens = phrase_tokens(head, self._names_someone)
        texts = [t.text.lower() for t in tokens]
        lemmas = [t.lemma_.lower() for t in tokens]

        countries: list[tuple[Token, CountryEntry]] = []
        organisation = self._organisation_named_by(head)
        head_kind: CountryMention | None = None
        covered: set[int] = set()
        i = 0
        while i < len(tokens):
            found = self.lexicon.match_names(texts, i)
            if found and any(capitalised(t) for t in tokens[i : i + found[0]]):
                size, entry = found
                if isinstance(entry, OrganisationEntry) and organisation is None:
                    organisation = entry
                elif isinstance(entry, CountryEntry):
                    if entry.kind is CountryMention.CAPITAL and tokens[i].dep_ == "pobj":
                        # "rioters in Tripoli": a place, which may be a namesake abroad.
                        place = " ".join(t.text for t in tokens[i : i + size])
                        iso3 = self.place_country(place, self.place_preference(context))
                        entry = replace(entry, iso3=iso3 or entry.iso3)
                    countries.append((tokens[i], entry))
                    if any(t.i == head.i for t in tokens[i : i + size]):
                        head_kind = entry.kind  # "the White House": the head is in the name
                covered.update(range(i, i + size))
                i += size
            else:
                i += 1

        sectors: list[str] = []
        i = 0
        while i < len(tokens):
            found_agent = self.lexicon.match_agent(lemmas, i) or self.lexicon.match_agent(texts, i)
            if found_agent and i not in covered:
                size, agent_sectors = found_agent
                sectors.extend(s for s in agent_sectors if s not in sectors)
                covered.update(range(i, i + size))
                i += size
            else:
                i += 1
        head_position = tokens.index(head) if head in tokens else -1
        names_actor = (
            head_position in covered
            or head.pos_ == "PROPN"
            or head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
            or head.lemma_.lower() == "counterpart"
            or counts_two(tokens)
        )
        if not names_actor:
            return []

        name = person_name(tokens)
        start, end = tokens[0].idx - sentence.start_char, phrase_end(tokens) - sentence.start_char
        text = sentence.text[start:end]

        if head.lemma_.lower() == "counterpart" and not sectors:
            sectors = list(self._counterpart_sectors(head, sentence, context))

        if organisation is not None:
            country = organisation.country or organisation.code
            actor = Actor(
                text,
                organisation.code,
                country,
                tuple(sectors),
                name or organisation.name,
                (start, end),
            )
            return [actor]

        proper = name or proper_name(head)
        if not countries and organisation is None and proper:
            # A bare name ("Gantz", "Ben Salah") seen earlier with its country and role.
            known = context.people.get(proper) or next(
                (context.people[p] for p in reversed(proper.split()) if p in context.people), None
            )
            if known:
                actor = replace(known, text=text, span=(start, end))
                register(actor, proper, head, context)
                return [actor]

        if not countries and organisation is None:
            # A named actor in the dictionaries, coded for the article's date.
            named = self._from_dictionary(tokens, texts, context)
            if named is not None:
                actor = replace(named, text=text, span=(start, end))
                if proper:
                    register(actor, proper, head, context)
                return [actor]

        if not countries and counts_two(tokens) and len(context.countries_seen) >= 2:
            # "the two ministers": each country's actor in that role seen before, if
            # any (then the ministers are its defence ministers), else country + role.
            pair = [iso for iso, _ in context.countries_seen.most_common(2)]
            members = []
            for iso in pair:

                def same_role(actor: Actor, iso: str = iso) -> bool:
                    return actor.country == iso and set(sectors) <= set(actor.sectors)

                earlier = actor_before(head, context, same_role)
                code = earlier.code if earlier and sectors else iso + "".join(sectors)
                members.append(
                    replace(self.actor_from_code(code, None), text=text, span=(start, end))
                )
            return members

        if not countries and sectors and definite(head, tokens):
            # "the minister", "the police": the last actor coded with that title,
            # else the last one in that role.
            role = head.lemma_.lower()
            earlier = actor_before(
                head, context, lambda a: role in a.text.lower() and set(sectors) <= set(a.sectors)
            ) or actor_before(head, context, lambda a: set(sectors) <= set(a.sectors))
            if earlier is not None:
                return [replace(earlier, text=text, span=(start, end))]

        if not countries and sectors:
            inferred = self._located_country(tokens, sentence, context)
            if inferred:
                return [_make(text, inferred, sectors, name, (start, end))]
            return []
        if not countries:
            return []

        if not sectors and head_kind is not None:
            sectors = _sectors_of_mention(head_kind)
        distinct = _conjoined_countries(countries)
        actors = [_make(text, iso, sectors, name, (start, end)) for iso in distinct]
        for actor in actors:
            context.countries_seen[actor.country or ""] += 1
        if len(actors) == 1:
            context.recent.append((context.offset_base + head.idx, actors[0]))
        if len(actors) == 1:
            # The person's name: NER's PERSON span, and the proper nouns before the
            # head that are not title or country words ("Army Chief Kittisak Rattanakul").
            run = name_run(tokens, head, covered)
            for key in {name, run} - {None}:
                register(actors[0], key, head, context)  # type: ignore[arg-type]
        return actors

    def _organisation_named_by(self, head: Token) -> OrganisationEntry | None:
        """An organisation whose name spans the head and words the phrase rules
        leave out ('Doctors Without Borders', 'Organisation for the Prohibition
        of Chemical Weapons')."""
        reach = self._longest_name  # a name spanning the head lies within this of it
        first = max(head.left_edge.i, head.i - reach + 1)
        words = list(head.doc[first : min(head.right_edge.i, head.i + reach - 1) + 1])
        texts = [t.text.lower() for t in words]
        for i, token in enumerate(words):
            if token.i > head.i:
                break
            found = self.lexicon.match_names(texts, i)
            written_as_name = found and any(capitalised(t) for t in words[i : i + found[0]])
            if found and written_as_name and isinstance(found[1], OrganisationEntry):
                size = found[0]
                if token.i + size > head.i:
                    return found[1]
        return None

    def _from_dictionary(
        self, tokens: list[Token], texts: list[str], context: DocContext
    ) -> Actor | None:
        for i in range(len(tokens)):
            if not capitalised(tokens[i]):
                continue
            found = self.people.match(texts, i)
            if found:
                _, entry = found
                return self.actor_from_code(entry.code_on(context.published), entry.name)
        return None

    def actor_from_code(self, code: str, name: str | None) -> Actor:
        """An actor from a CAMEO actor code: TURGOVMIL -> TUR + GOV, MIL; codes that do
        not start with a country (IGOUNO, NGO...) are their own 'country'."""
        if code[:3] in self.lexicon.country_names:
            sectors = tuple(code[i : i + 3] for i in range(3, len(code), 3))
            return Actor(name or code, code, code[:3], sectors, name)
        return Actor(name or code, code, code, (), name)

    def _names_someone(self, token: Token) -> bool:
        """Whether an apposition names who someone is ('counterpart Benny Gantz',
        'Dawit Bekele, a spokesman'), not what they did ('..., the first visit')."""
        return token.pos_ == "PROPN" or (token.lemma_.lower(),) in self.lexicon.agents

    def owner(self, thing: Token, sentence: Span, context: DocContext) -> list[Actor]:
        """The actor a thing belongs to or happens in, for a target: 'Hezbollah
        positions', 'an Israeli proposal', 'the homes of two Palestinians', 'the coup
        in Burkina Faso', or a place's country ('the city of Kherson', 'to Jeddah')."""
        for child in thing.children:
            if child.dep_ in {"compound", "poss"} and child.pos_ == "PROPN":
                found = self.resolve(child, sentence, context)
                if found:
                    return found
        found = self.nationality(thing, sentence)
        if found:
            return found
        for child in thing.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "in", "to"}:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    # "the homes of two Palestinians": an actor; "the coup in
                    # Burkina Faso": a place, which gives its country, not its government.
                    found = self.owner(pobj, sentence, context)  # "a visit to PNG" too
                    if not found and child.lower_ == "of":
                        found = self.resolve(pobj, sentence, context)
                    if found:
                        return found
        if thing.pos_ == "PROPN" and thing.ent_type_ in {"GPE", "LOC", "FAC"}:
            country = self.place_country(proper_name(thing) or thing.text)
            if country:
                start = thing.idx - sentence.start_char
                return [_make(thing.text, country, [], None, (start, start + len(thing)))]
        return []

    def nationality(self, thing: Token, sentence: Span) -> list[Actor]:
        """The countries named as modifiers of a thing: 'Israeli air strikes' -> ISR,
        'Turkish and Greek warships' -> TUR, GRC. Capitals do not count: 'Athens
        talks' say where, not who."""
        actors = []
        for child in thing.children:
            if child.dep_ not in {"amod", "compound", "nmod", "poss"}:
                continue
            for token in [child, *child.conjuncts]:
                entry = self.lexicon.countries.get((token.lower_,))
                if entry and entry.kind in (CountryMention.NAME, CountryMention.ADJECTIVE):
                    start = token.idx - sentence.start_char
                    actors.append(
                        _make(token.text, entry.iso3, [], None, (start, start + len(token)))
                    )
        return actors

    def _counterpart_sectors(
        self, head: Token, sentence: Span, context: DocContext
    ) -> tuple[str, ...]:
        """'his Israeli counterpart' has the role of the one 'his' refers to: the
        last person named, or the last actor with a role ('Japan's foreign minister
        will meet his South Korean counterpart')."""
        earlier = actor_before(head, context, lambda a: bool(a.sectors))
        return earlier.sectors if earlier else ()

    def _located_country(
        self, tokens: list[Token], sentence: Span, context: DocContext
    ) -> str | None:
        """Unnamed agents ('police', 'gunmen') take the country of a place in the
        phrase ('police in Lagos'), then of a place the sentence puts things in
        ('... clashed with police in Borno'), then of the dateline. Other country
        mentions do not count: in 'police arrested two Israelis', the police are
        not Israeli."""
        in_phrase = {t.i for t in tokens}
        # "police in Uttar Pradesh": the name after in/from, whatever NER called it.
        names = [
            place_name(t)
            for t in tokens
            if t.dep_ == "pobj" and t.head.lower_ in {"in", "from"} and place_name(t)
        ]
        names += [
            e.text for e in ents_in(sentence) if e.label_ in _PLACE_LABELS and e.root.i in in_phrase
        ]
        names += [e.text for e in locative_places(sentence)]
        names += [
            place_name(t)
            for t in sentence
            if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS and place_name(t)
        ]
        prefer = self.place_preference(context)
        for name in names:
            country = self.place_country(name, prefer)
            if country:
                return country
        # "Kyrgyz lawmakers urged THE GOVERNMENT to ...": an unplaced agent after a
        # country's actor in the same sentence belongs to that country. (Before
        # it, as in "police arrested two Israelis", the other country says nothing.)
        since = context.offset_base + sentence.start_char
        earlier = actor_before(
            tokens[0], context, lambda a: a.country is not None and len(a.country) == 3, since
        )
        if earlier is not None:
            return earlier.country
        if self._names_other_country(sentence, context.dateline_country):
            return None  # the sentence is about elsewhere: the dateline says nothing
        return context.dateline_country

    def _names_other_country(self, sentence: Span, home: str | None) -> bool:
        for ent in ents_in(sentence):
            if ent.label_ in {"GPE", "NORP", "ORG"}:
                entry = self.lexicon.countries.get(tuple(t.lower_ for t in ent))
                organisation = self.lexicon.organisations.get(tuple(t.lower_ for t in ent))
                country = entry.iso3 if entry else (organisation.country if organisation else None)
                if country and country != home:
                    return True
        return False


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb that reports the pronoun's clause ('Iran said it
    ...', 'the ministry announced that it ...'), if it comes before the pronoun."""
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp":
        return None
    for child in clause.head.children:
        if child.dep_ == "nsubj" and child.i < pronoun.i and child.lower_ not in {"it", "its"}:
            return child
    return None


def _sectors_of_mention(kind: CountryMention) -> list[str]:
    """A capital or metonym acting stands for the government; demonyms for people."""
    if kind in (CountryMention.CAPITAL, CountryMention.METONYM):
        return ["GOV"]
    if kind is CountryMention.ADJECTIVE:
        return ["CVL"]
    return []


def _conjoined_countries(countries: list[tuple[Token, CountryEntry]]) -> list[str]:
    """Several countries in one phrase are several actors only when coordinated
    ('Turkish and Israeli ministers', 'Turkish, Israeli ministers'); otherwise
    the first one identifies it ('Israel's ambassador in Turkey')."""
    first_token, first = countries[0]
    result = [first.iso3]
    for token, entry in countries[1:]:
        coordinated = (
            token.dep_ == "conj"
            or (token.head.i == first_token.head.i and token.dep_ == first_token.dep_)
            or (token.dep_ == first_token.dep_ == "amod")
        )
        if entry.iso3 not in result and coordinated:
            result.append(entry.iso3)
    return result


def _make(
    text: str, country: str, sectors: list[str], name: str | None, span: tuple[int, int]
) -> Actor:
    return Actor(text, country + "".join(sectors), country, tuple(sectors), name, span)
