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

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from dyad.actors.dictionary import ActorDictionary
from dyad.actors.lexicon import ActorLexicon, CountryEntry, CountryMention, OrganisationEntry
from dyad.places import LOCATIVE_PREPS, Gazetteer, locative_places
from dyad.records import Actor

# Dependents that belong to an actor's noun phrase. Conjuncts are actors of
# their own; relative clauses and most prepositions describe, not identify.
_PHRASE_DEPS = {
    "det",
    "amod",
    "compound",
    "poss",
    "nmod",
    "appos",
    "nummod",
    "case",
    "flat",
    "prep",
}
_IDENTIFYING_PREPS = {"of", "in", "from", "for"}  # "a spokesman FOR the interior ministry"
_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
_TWO_WORDS = {"two", "both"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "thousands of students", "a group of protesters": the actor is after "of".
_QUANTITIES = {
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores",
    "million", "millions", "group", "number", "crowd", "band", "lot", "some", "many", "all",
    "most", "several", "few", "couple",
}  # fmt: skip


@dataclass
class DocContext:
    """What a document has established so far: people, countries, the dateline."""

    dateline_country: str | None = None
    published: date | None = None  # picks the dated code of people in the dictionaries
    people: dict[str, Actor] = field(default_factory=dict)
    # (offset in the document, actor) of every person coded, for pronouns.
    mentions: list[tuple[int, Actor]] = field(default_factory=list)
    # (offset, actor) of every actor coded, named or not, for "his counterpart".
    recent: list[tuple[int, Actor]] = field(default_factory=list)
    # Added to token offsets: the headline is parsed apart and comes first.
    offset_base: int = 0
    countries_seen: Counter[str] = field(default_factory=Counter)


class ActorResolver:
    def __init__(
        self, lexicon: ActorLexicon, gazetteer: Gazetteer, people: ActorDictionary | None = None
    ) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.people = people or ActorDictionary()

    def new_context(self, dateline: str | None, published: date | None = None) -> DocContext:
        return DocContext(
            dateline_country=self.place_country(dateline) if dateline else None,
            published=published,
        )

    def place_country(self, name: str, prefer: Iterable[str] = ()) -> str | None:
        """The country a place name refers to: a country name itself, a state or
        province in it ('Borno state'), or a city. An ambiguous division
        ('Punjab') goes to a preferred country, or to none."""
        entry = self.lexicon.countries.get(tuple(name.lower().split()))
        if entry:
            return entry.iso3
        divisions = self.gazetteer.division_countries(name)
        if len(divisions) == 1:
            return next(iter(divisions))
        if divisions:
            return next((c for c in prefer if c in divisions), None)
        place = self.gazetteer.resolve(name, prefer)
        return place.country if place else None

    def remember(self, sentence: Span, context: DocContext) -> None:
        """Register the people named in a sentence, in order, for later coreference."""
        for ent in sentence.ents:
            if ent.label_ == "PERSON":
                head = _phrase_head(ent.root)
                self.resolve(head, sentence, context)

    def resolve(self, head: Token, sentence: Span, context: DocContext) -> list[Actor]:
        """The actors a noun phrase headed by `head` stands for (empty if none).

        The head itself must name an actor (a name, a country, an organisation,
        a role): "a military cooperation agreement" is no actor although
        "military" is a role word."""
        if head.lower_ in _PRONOUNS:
            referent = _person_before(head, context)
            return [_relocate(referent, head, sentence)] if referent else []
        if head.lemma_.lower() in _QUANTITIES:
            of = _of_object(head)
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
            if found and any(_capitalised(t) for t in tokens[i : i + found[0]]):
                size, entry = found
                if isinstance(entry, OrganisationEntry) and organisation is None:
                    organisation = entry
                elif isinstance(entry, CountryEntry):
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
            or _counts_two(tokens)
        )
        if not names_actor:
            return []

        name = _person_name(tokens)
        start, end = tokens[0].idx - sentence.start_char, _end(tokens) - sentence.start_char
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

        proper = name or _proper_name(head)
        if not countries and organisation is None and proper:
            # A bare name ("Gantz", "Ben Salah") seen earlier with its country and role.
            known = context.people.get(proper) or next(
                (context.people[p] for p in reversed(proper.split()) if p in context.people), None
            )
            if known:
                actor = replace(known, text=text, span=(start, end))
                _register(actor, proper, head, context)
                return [actor]

        if not countries and organisation is None:
            # A named actor in the dictionaries, coded for the article's date.
            named = self._from_dictionary(tokens, texts, context)
            if named is not None:
                actor = replace(named, text=text, span=(start, end))
                if proper:
                    _register(actor, proper, head, context)
                return [actor]

        if not countries and _counts_two(tokens) and len(context.countries_seen) >= 2:
            # "the two ministers": each country's actor in that role seen before, if
            # any (then the ministers are its defence ministers), else country + role.
            pair = [iso for iso, _ in context.countries_seen.most_common(2)]
            members = []
            for iso in pair:

                def same_role(actor: Actor, iso: str = iso) -> bool:
                    return actor.country == iso and set(sectors) <= set(actor.sectors)

                earlier = _actor_before(head, context, same_role)
                code = earlier.code if earlier and sectors else iso + "".join(sectors)
                members.append(
                    replace(self.actor_from_code(code, None), text=text, span=(start, end))
                )
            return members

        if not countries and sectors and _definite(head, tokens):
            # "the minister", "the police": the last actor coded with that title,
            # else the last one in that role.
            role = head.lemma_.lower()
            earlier = _actor_before(
                head, context, lambda a: role in a.text.lower() and set(sectors) <= set(a.sectors)
            ) or _actor_before(head, context, lambda a: set(sectors) <= set(a.sectors))
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
        if len(actors) == 1 and sectors:
            context.recent.append((context.offset_base + head.idx, actors[0]))
        if len(actors) == 1:
            # The person's name: NER's PERSON span, and the proper nouns before the
            # head that are not title or country words ("Army Chief Kittisak Rattanakul").
            run = _name_run(tokens, head, covered)
            for key in {name, run} - {None}:
                _register(actors[0], key, head, context)  # type: ignore[arg-type]
        return actors

    def _organisation_named_by(self, head: Token) -> OrganisationEntry | None:
        """An organisation whose name spans the head and words the phrase rules
        leave out ('Doctors Without Borders', 'Organisation for the Prohibition
        of Chemical Weapons')."""
        words = list(head.doc[head.left_edge.i : head.right_edge.i + 1])
        texts = [t.text.lower() for t in words]
        for i, token in enumerate(words):
            if token.i > head.i:
                break
            found = self.lexicon.match_names(texts, i)
            capitalised = found and any(_capitalised(t) for t in words[i : i + found[0]])
            if found and capitalised and isinstance(found[1], OrganisationEntry):
                size = found[0]
                if token.i + size > head.i:
                    return found[1]
        return None

    def _from_dictionary(
        self, tokens: list[Token], texts: list[str], context: DocContext
    ) -> Actor | None:
        for i in range(len(tokens)):
            if not _capitalised(tokens[i]):
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
        earlier = _actor_before(head, context, lambda a: bool(a.sectors))
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
            _place_name(t)
            for t in tokens
            if t.dep_ == "pobj" and t.head.lower_ in {"in", "from"} and _place_name(t)
        ]
        names += [
            e.text for e in sentence.ents if e.label_ in _PLACE_LABELS and e.root.i in in_phrase
        ]
        names += [e.text for e in locative_places(sentence)]
        names += [
            _place_name(t)
            for t in sentence
            if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS and _place_name(t)
        ]
        prefer = [c for c, _ in context.countries_seen.most_common()]
        if context.dateline_country:
            prefer.insert(0, context.dateline_country)
        for name in names:
            country = self.place_country(name, prefer)
            if country:
                return country
        if self._names_other_country(sentence, context.dateline_country):
            return None  # the sentence is about elsewhere: the dateline says nothing
        return context.dateline_country

    def _names_other_country(self, sentence: Span, home: str | None) -> bool:
        for ent in sentence.ents:
            if ent.label_ in {"GPE", "NORP", "ORG"}:
                entry = self.lexicon.countries.get(tuple(t.lower_ for t in ent))
                organisation = self.lexicon.organisations.get(tuple(t.lower_ for t in ent))
                country = entry.iso3 if entry else (organisation.country if organisation else None)
                if country and country != home:
                    return True
        return False


def _register(actor: Actor, name: str, head: Token, context: DocContext) -> None:
    """Remember a person under the full name and each part of it ('Choi Young-min'
    is later 'Choi'); a part already taken by someone else keeps its owner."""
    context.people[name] = actor
    for part in name.replace("-", " ").split():
        if len(part) > 1 and part[0].isupper():
            context.people.setdefault(part, actor)
    offset = context.offset_base + head.idx
    if not any(known == offset for known, _ in context.mentions):
        context.mentions.append((offset, actor))


def _actor_before(
    token: Token, context: DocContext, accept: Callable[[Actor], bool]
) -> Actor | None:
    """The last actor coded before `token`, named or not, that `accept` takes."""
    position = context.offset_base + token.idx
    candidates = [
        (offset, actor)
        for offset, actor in [*context.mentions, *context.recent]
        if offset < position and accept(actor)
    ]
    return max(candidates, key=lambda m: m[0])[1] if candidates else None


def _definite(head: Token, tokens: list[Token]) -> bool:
    """'the minister' (a reference back), not 'a minister' or 'police in Lagos'."""
    determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
    has_place = any(t.dep_ == "pobj" for t in tokens)
    return determiners in (["the"], ["this"], ["that"]) and not has_place


def _person_before(token: Token, context: DocContext) -> Actor | None:
    """The last person coded before `token` in this document."""
    position = context.offset_base + token.idx
    before = [(offset, actor) for offset, actor in context.mentions if offset < position]
    return max(before, key=lambda m: m[0])[1] if before else None


def _relocate(actor: Actor, token: Token, sentence: Span) -> Actor:
    start = token.idx - sentence.start_char
    return replace(actor, text=token.text, span=(start, start + len(token.text)))


def phrase_tokens(head: Token, names_someone: Callable[[Token], bool]) -> list[Token]:
    """The tokens of the noun phrase headed by `head`, in order. Appositions
    count only where `names_someone` accepts their head."""
    selected = {head.i: head}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            coordinated_modifier = token.dep_ in {"amod", "compound"} and child.dep_ in {
                "conj",
                "cc",
            }
            if (
                child.dep_ not in _PHRASE_DEPS
                and not (token.dep_ == "prep" and child.dep_ == "pobj")
                and not coordinated_modifier
            ):
                continue
            if child.dep_ == "prep" and child.lower_ not in _IDENTIFYING_PREPS:
                continue
            if child.dep_ == "appos" and (not names_someone(child) or _after_conjunct(child)):
                continue
            selected[child.i] = child
            stack.append(child)
        if token is head:
            for appos in _stranded_appositions(head):
                selected[appos.i] = appos
                stack.append(appos)
    tokens = sorted(selected.values(), key=lambda t: t.i)
    tokens = _misattached_modifiers(tokens) + tokens
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ == "prep"):
        tokens.pop()
    return tokens


def _after_conjunct(appos: Token) -> bool:
    """In 'A and her counterpart B', the parser may hang B on A; B then follows
    a conjunct of A and belongs to it."""
    return any(c.dep_ == "conj" and c.i < appos.i for c in appos.head.children)


def _stranded_appositions(head: Token) -> list[Token]:
    """The appositions hung on a conjunct's governor that directly follow it."""
    if head.dep_ != "conj":
        return []
    return [
        c
        for c in head.head.children
        if c.dep_ == "appos" and c.left_edge.i == head.right_edge.i + 1
    ]


def _name_run(tokens: list[Token], head: Token, covered: set[int]) -> str | None:
    if head.pos_ != "PROPN" or head not in tokens:
        return None
    position = tokens.index(head)
    if position in covered:
        return None
    start = position
    while (
        start > 0
        and tokens[start - 1].i == tokens[start].i - 1
        and (tokens[start - 1].pos_ == "PROPN" or tokens[start - 1].text == "-")
        and start - 1 not in covered
    ):
        start -= 1
    return " ".join(t.text for t in tokens[start : position + 1]).replace(" - ", "-")


def _misattached_modifiers(tokens: list[Token]) -> list[Token]:
    """Nationalities and countries just left of a phrase that the parser hung on
    the verb, as in headlines: 'Turkish, Israeli ministers pledge ...',
    'India, China hold talks'."""
    found: list[Token] = []
    doc = tokens[0].doc
    i = tokens[0].i - 1
    while i >= 0:
        token = doc[i]
        if token.text in {",", "and"} or (
            token.ent_type_ in {"NORP", "GPE", "ORG"}
            and token.dep_ in {"amod", "npadvmod", "compound"}
        ):
            found.insert(0, token)
            i -= 1
        else:
            break
    while found and not found[0].ent_type_:
        found.pop(0)
    return found


def _of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _phrase_head(token: Token) -> Token:
    """Climb from a name to the head of the phrase it is part of ('Akar' -> itself,
    'Benny Gantz' in apposition -> 'counterpart')."""
    while token.dep_ in {"compound", "flat", "appos"} and token.head.i != token.i:
        token = token.head
    return token


def _person_name(tokens: list[Token]) -> str | None:
    names = [t for t in tokens if t.ent_type_ == "PERSON" and t.pos_ in {"PROPN", "NOUN"}]
    if not names:
        return None
    last = names[-1]
    # The whole PERSON entity around the last name word: "Choi Young-min", "al-Mansoori".
    for ent in last.doc.ents:
        if ent.label_ == "PERSON" and ent.start <= last.i < ent.end:
            return " ".join(ent.text.split())
    return last.text


_DIVISION_NOUNS = {"state", "province", "region", "district", "governorate", "prefecture"}


def _place_name(token: Token) -> str:
    """The place named by a preposition's object: 'Uttar Pradesh', 'Rakhine state'."""
    if token.pos_ == "PROPN":
        return _proper_name(token) or token.text
    if token.lemma_.lower() in _DIVISION_NOUNS:
        names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            return " ".join(t.text for t in [*names, token])
    return ""


def _proper_name(head: Token) -> str | None:
    """The proper-noun run ending at the head, whatever NER labelled it (a
    capitalised name the tagger took for a common noun counts when NER marks it
    as a name of any kind)."""
    named = head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} and head.text[:1].isupper()
    if head.pos_ != "PROPN" and not named:
        return None
    run = [head]
    for child in sorted(head.children, key=lambda t: -t.i):
        if child.dep_ in {"compound", "flat"} and child.pos_ == "PROPN" and child.i == run[0].i - 1:
            run.insert(0, child)
    return " ".join(t.text for t in run)


def _end(tokens: list[Token]) -> int:
    return max(t.idx + len(t.text) for t in tokens)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _counts_two(tokens: list[Token]) -> bool:
    """'the two countries', 'both sides', 'the two countries' defense ministers'."""
    return any(
        t.lower_ in _TWO_WORDS and t.head.tag_ in {"NNS", "NNPS"} and t.head in tokens
        for t in tokens
    )


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
