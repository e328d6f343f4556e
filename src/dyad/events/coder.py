"""The event coder: from a parsed sentence to coded events.

For each verb (and event noun) that a pattern matches, the coder finds the
source and target actors in the parse and builds one event per
source-target pair. What is not coded, on purpose:
- verbs no pattern names (no default "make statement" code: "said" alone is
  not an event, though an event in what was said is);
- events with no resolved source actor (a flood, a match, a market);
- an actor acting on itself (same code on both sides).
A conjoined subject with no object ("Akar and Gantz vowed to ...") gives an
event in each direction between the conjuncts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from itertools import permutations

from spacy.tokens import Span, Token

from dyad.actors import ActorResolver, DocContext
from dyad.events.codebook import CameoCode, load_codebook
from dyad.events.implied import host_country, implied_agents, own_government
from dyad.events.patterns import NounPattern, PatternSet, VerbPattern, contains_phrase
from dyad.events.roles import (
    alleged,
    clause_text,
    complement_of,
    conjuncts,
    direct_objects,
    in_hypothetical,
    in_passing,
    is_future,
    is_negated,
    is_question,
    object_candidates,
    object_region,
    passive_agent,
    subject_of,
    unrealised,
)
from dyad.records import Actor

_NOUN_SOURCE_PREPS = {"by", "from"}
# Where the phrases that can name an actor hang in the parse.
_ARGUMENT_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "pobj",
    "conj",
    "appos",
    "ROOT",
    "attr",
    "dative",
    "npadvmod",
    "poss",
}
_NOUN_TARGET_PREPS = ("with", "to", "against", "on", "in")


@dataclass(frozen=True, slots=True)
class Coded:
    """An event found in a sentence, before date, place and ids are attached."""

    source: Actor
    target: Actor | None
    code: CameoCode
    trigger: tuple[int, int]  # character span within the sentence
    negated: bool
    future: bool
    confidence: float
    clause: str  # the words of the trigger's clause, where its date is read
    origin: str = "pattern"  # "pattern", or "model" when the learned typer found it


@dataclass(frozen=True, slots=True)
class _Match:
    code: str
    trigger: Token
    verbs: list[Token]  # the verbs whose objects can hold the target
    consumed: Token | None
    reverse: bool
    specificity: int
    things: frozenset[str]  # the pattern's object words: what, not whom


class EventCoder:
    def __init__(self, patterns: PatternSet, resolver: ActorResolver) -> None:
        self.patterns = patterns
        self.resolver = resolver
        self.codebook = load_codebook()

    def code_sentence(self, sentence: Span, context: DocContext) -> list[Coded]:
        self.resolver.remember(sentence, context)
        if is_question(sentence):
            return []  # "Will Kenya send troops?" reports no event
        # The cheap test first: few tokens are verbs some pattern knows.
        matches = [
            m
            for t in sentence
            if self._verb_patterns(t)
            and not alleged(t, self.patterns.allegation_verbs)
            and not unrealised(t, self.patterns.unrealised_verbs)
            and (m := self._match_verb(t)) is not None
        ]
        consumed = {m.consumed.i for m in matches if m.consumed is not None}
        matches = [m for m in matches if m.trigger.i not in consumed]
        found = [(m.trigger, self._code_verb(m, sentence, context)) for m in matches]
        covered = {t.i for m in matches for v in m.verbs for t in object_region(v)}
        for token in sentence:
            if (
                token.i not in covered
                and token.pos_ in {"NOUN", "PROPN"}
                and not unrealised(token, self.patterns.unrealised_verbs)
            ):
                found.append((token, self._code_noun(token, sentence, context)))
        eventful = {trigger.i for trigger, events in found if events}
        return unique_events(
            [e for trigger, events in found if not in_passing(trigger, eventful) for e in events]
        )

    # ---- verbs ----

    def _verb_patterns(self, verb: Token) -> tuple[VerbPattern, ...] | None:
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        verbs = self.patterns.verbs
        return next((verbs[f] for f in _verb_forms(verb) if f in verbs), None)

    def _match_verb(self, verb: Token) -> _Match | None:
        candidates = self._verb_patterns(verb)
        if not candidates:
            return None
        complement = complement_of(verb)
        region = object_region(verb) + (object_region(complement) if complement else [])
        haystack = _haystack(region)
        preps = {c.lower_ for c in verb.children if c.dep_ in {"prep", "prt"}}
        best: VerbPattern | None = None
        for pattern in candidates:
            if pattern.to and not (complement and complement.lemma_.lower() in pattern.to):
                continue
            if pattern.objects and not contains_phrase(haystack, pattern.objects):
                continue
            if pattern.preps and not (pattern.preps & preps):
                continue
            if pattern.particle and pattern.particle not in preps:
                continue
            if best is None or _rank(pattern) > _rank(best):
                best = pattern
        if best is None:
            return None
        uses_complement = bool(best.to) or (complement is not None and bool(best.objects))
        # Targets are looked for in the complement too ("refused to free jailed
        # LEADERS"), first where the pattern is about the complement.
        if complement is None:
            verbs = [verb]
        else:
            verbs = [complement, verb] if uses_complement else [verb, complement]
        return _Match(
            code=best.code,
            trigger=verb,
            verbs=verbs,
            consumed=complement if uses_complement else None,
            reverse=best.reverse,
            specificity=best.specificity,
            things=frozenset(best.objects),
        )

    def _code_verb(self, match: _Match, sentence: Span, context: DocContext) -> list[Coded]:
        verb = match.trigger
        subjects, passive = subject_of(verb, self.patterns.object_control)
        sources = self._actors(subjects, sentence, context)
        if sources and not passive:
            context.last_subjects = sources
        targets: list[Actor] = []
        if passive:
            agents = self._actors(passive_agent(verb), sentence, context)
            if agents or self.codebook[match.code].root not in self.patterns.self_acting_roots:
                targets, sources = sources, agents or implied_agents(self.patterns, verb, sources)
            # else "police officers were deployed in Karachi": the force is the actor
        if not targets:
            candidates = object_candidates(match.verbs, match.things)
            targets = self._first_target(candidates, sources, sentence, context)
            # No actor among the objects: whose thing is it, or where is it?
            # "struck Hezbollah positions", "condemned the coup in Burkina Faso",
            # "withdrew from the city of Kherson".
            meeting = self.codebook[match.code].root in self.patterns.host_target_roots
            for head in [*direct_objects(match.verbs), *(h for hs in candidates for h in hs)]:
                if targets or meeting:
                    break  # (where a meeting is held is its host, below, not its owner)
                if head.dep_ == "pobj" and head.head.lower_ in {"at", "in"}:
                    continue  # where it happened ("at a U.N. base"), not to whom
                targets = self.resolver.owner(head, sentence, context)
            if not targets and meeting:
                targets = host_country(self.resolver, sources, sentence)
        if match.reverse:
            sources, targets = targets, sources
        if in_hypothetical(verb):
            return []  # "could impose sanctions if ...": nothing has happened
        negated = is_negated(verb, *match.verbs)
        future = is_future(verb, *match.verbs)
        confidence = 0.55 + 0.1 * min(match.specificity, 2) + (0.1 if targets else 0.0)
        trigger = _char_span(verb, sentence)
        return self._pairs(
            sources, targets, match.code, trigger, negated, future, confidence, clause_text(verb)
        )

    def _first_target(
        self,
        candidates: list[list[Token]],
        sources: list[Actor],
        sentence: Span,
        context: DocContext,
    ) -> list[Actor]:
        """The actors of the first candidate that names any, unless they are all
        of the source's own country and a later candidate names another country:
        in "Mexico extradited the cartel leader TO THE UNITED STATES" the event
        is aimed abroad."""
        home = {s.country for s in sources}
        first: list[Actor] = []
        for heads in candidates:
            actors = self._actors(heads, sentence, context)
            if not actors:
                continue
            if any(a.country not in home for a in actors):
                return actors if not first else [a for a in actors if a.country not in home]
            first = first or actors
        return first

    # ---- nouns ----

    def _code_noun(self, noun: Token, sentence: Span, context: DocContext) -> list[Coded]:
        candidates = self.patterns.nouns.get(noun.lemma_.lower()) or self.patterns.nouns.get(
            noun.lower_
        )
        if not candidates:
            return []
        modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"}}
        best: NounPattern | None = None
        for pattern in candidates:
            if pattern.modifiers and not (pattern.modifiers & modifiers):
                continue
            if best is None or pattern.specificity > best.specificity:
                best = pattern
        if best is None:
            return []
        return self._noun_event(noun, best.code, 0.5, sentence, context)

    def _noun_event(
        self, noun: Token, code: str, confidence: float, sentence: Span, context: DocContext
    ) -> list[Coded]:
        """Events of an event noun: 'talks between X and Y', 'X's attack on Y'."""
        if in_hypothetical(noun):
            return []
        meeting = self.codebook[code].root in self.patterns.host_target_roots
        sources: list[Actor] = []
        targets: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "poss":
                sources = self._actors(conjuncts(child), sentence, context)
        for child in noun.children:
            if child.dep_ != "prep":
                continue
            pobjs = [c for p in child.children if p.dep_ == "pobj" for c in conjuncts(p)]
            if child.lower_ == "between" or (child.lower_ in _NOUN_SOURCE_PREPS and not sources):
                sources = self._actors(pobjs, sentence, context)
            elif child.lower_ in _NOUN_TARGET_PREPS and not targets:
                if child.lower_ == "in" and meeting:
                    continue  # "talks in Moscow": where they met, not with whom
                targets = self._actors(pobjs, sentence, context)
        if not sources:
            sources = self.resolver.nationality(noun, sentence)
        if (
            not sources
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in self.patterns.light_verbs
        ):
            # "X held talks", "X launched an offensive": the one who holds them.
            subjects, _ = subject_of(noun.head, self.patterns.object_control)
            sources = self._actors(subjects, sentence, context)
        if not targets and meeting:
            targets = host_country(self.resolver, sources, sentence)
        trigger = _char_span(noun, sentence)
        return self._pairs(
            sources, targets, code, trigger, is_negated(noun), False, confidence, clause_text(noun)
        )

    # ---- events proposed by the learned typer ----

    def code_as(
        self, trigger: Token, code: str, sentence: Span, context: DocContext
    ) -> list[Coded]:
        """Events with `code` whose roles are read from the parse around `trigger`,
        for a sentence the typer has typed (it sets their confidence)."""
        if trigger.pos_ in {"VERB", "AUX"}:
            complement = complement_of(trigger)
            match = _Match(
                code=code,
                trigger=trigger,
                verbs=[trigger, complement] if complement is not None else [trigger],
                consumed=None,
                reverse=False,
                specificity=0,
                things=frozenset(),
            )
            return self._code_verb(match, sentence, context)
        return self._noun_event(trigger, code, 0.5, sentence, context)

    def pairs_for(
        self, source: Actor, target: Actor | None, code: str, trigger: Token, sentence: Span
    ) -> list[Coded]:
        """The event of one source (and target) with `code`, triggered by `trigger`."""
        return self._pairs(
            [source],
            [target] if target else [],
            code,
            _char_span(trigger, sentence),
            False,
            is_future(trigger),
            0.5,
            clause_text(trigger),
        )

    def sentence_actors(self, sentence: Span, context: DocContext) -> list[Actor]:
        """The actors a sentence names, in order, each code once."""
        actors: dict[str, Actor] = {}
        for token in sentence:
            if token.pos_ in {"NOUN", "PROPN", "PRON"} and token.dep_ in _ARGUMENT_DEPS:
                for actor in self.resolver.resolve(token, sentence, context):
                    actors.setdefault(actor.code, actor)
        return list(actors.values())

    # ---- shared ----

    def _actors(self, heads: list[Token], sentence: Span, context: DocContext) -> list[Actor]:
        actors: list[Actor] = []
        for head in heads:
            found = self.resolver.resolve(head, sentence, context)
            actors.extend(found)
            if len(found) == 1 and head.tag_ in {"NNS", "NNPS"}:
                actors.extend(self._shared_role(head, found[0], sentence, context))
        return actors

    def _shared_role(
        self, head: Token, first: Actor, sentence: Span, context: DocContext
    ) -> list[Actor]:
        """The others in a role shared by several countries: "the presidents of
        Peru AND CHILE", "the foreign ministers of India AND CHINA"."""
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if pobj is None:
            return []
        others = []
        for conjunct in pobj.conjuncts:
            for actor in self.resolver.resolve(conjunct, sentence, context):
                if actor.country and actor.country != first.country and not actor.sectors:
                    code = actor.country + "".join(first.sectors)
                    others.append(replace(actor, code=code, sectors=first.sectors))
        return others

    def _pairs(
        self,
        sources: list[Actor],
        targets: list[Actor],
        code: str,
        trigger: tuple[int, int],
        negated: bool,
        future: bool,
        confidence: float,
        clause: str,
    ) -> list[Coded]:
        if future:
            code = self.patterns.future.get(code[:2], code)
        cameo = self.codebook[code]
        pairs: list[tuple[Actor, Actor | None]]
        if len(sources) >= 2:
            # "Mexican and US negotiators hammered out a deal in Washington": the
            # place of a joint act is one side's country, not a target.
            home = {s.country for s in sources}
            targets = [t for t in targets if t.sectors or t.code not in home]
        if len(sources) == 2 and {t.code for t in targets} <= {s.code for s in sources}:
            targets = []  # "India and Japan ... at their summit in Tokyo": a joint act
        if cameo.root in self.patterns.self_acting_roots:
            # A force posture names no target at home ("raised the readiness of its
            # armed forces", "deployed police in Osh"): only another country's side.
            home = {s.country for s in sources}
            targets = [t for t in targets if t.country not in home]
        if targets:
            pairs = [(s, t) for s in sources for t in targets if s.code != t.code]
        elif (
            len(sources) == 2
            and sources[0].code != sources[1].code
            and cameo.root in self.patterns.symmetric_roots
        ):
            # A joint action of two actors ("Akar and Gantz vowed to ...") is an action
            # of each towards the other. Three or more acting together ("Japan, China
            # and the US pledged aid") are not aiming at one another.
            pairs = list(permutations(sources, 2))
        elif cameo.root in self.patterns.government_target_roots:
            pairs = [(s, own_government(s)) for s in sources]
        else:
            pairs = [(s, None) for s in sources]
            confidence -= 0.15
        confidence = round(max(0.05, min(confidence, 0.95)), 2)
        return [Coded(s, t, cameo, trigger, negated, future, confidence, clause) for s, t in pairs]


def _verb_forms(verb: Token) -> list[str]:
    """The lemma, then base forms guessed from the word itself, for when the
    lemmatizer errs ('staged' -> 'stag')."""
    word = verb.lower_
    forms = [verb.lemma_.lower(), word]
    if word.endswith("ed"):
        forms += [word[:-1], word[:-2]]
    elif word.endswith("ing"):
        forms += [word[:-3] + "e", word[:-3]]
    elif word.endswith("s"):
        forms += [word[:-1]]
    return forms


def _rank(pattern: VerbPattern) -> tuple[int, int]:
    """More refinements win; between equally refined patterns, the finer CAMEO
    code ("073 humanitarian aid" over "070 aid"); then the one listed first."""
    code = pattern.code
    fine = len(code) + (0 if len(code) == 3 and code.endswith("0") else 1)
    return pattern.specificity, fine


def _haystack(tokens: list[Token]) -> str:
    lemmas = " ".join(t.lemma_.lower() for t in tokens)
    texts = " ".join(t.lower_ for t in tokens)
    return f" {lemmas} | {texts} "


def _char_span(token: Token, sentence: Span) -> tuple[int, int]:
    start = token.idx - sentence.start_char
    return (start, start + len(token.text))


def unique_events(coded: list[Coded]) -> list[Coded]:
    """One event per source, target and code in a sentence: the most confident."""
    best: dict[tuple[str, str | None, str], Coded] = {}
    for event in coded:
        key = (event.source.code, event.target.code if event.target else None, event.code.code)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return list(best.values())


def event_id(doc_id: str, sentence_index: int, event: Coded) -> str:
    """A stable id from what the event is and where it was read."""
    key = "|".join(
        (
            doc_id,
            str(sentence_index),
            event.source.code,
            event.target.code if event.target else "",
            event.code.code,
            str(event.trigger[0]),
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
