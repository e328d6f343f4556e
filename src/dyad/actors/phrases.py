"""Noun phrases in a spaCy parse: which tokens name an actor, and the names,
places and counts inside them. Pure functions of the parse; no dictionaries."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dyad.nlp import ents_in

# Dependents that belong to an actor's noun phrase. Conjuncts are actors of
# their own; relative clauses and most prepositions describe, not identify.
PHRASE_DEPS = {
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
IDENTIFYING_PREPS = {
    "of",
    "in",
    "from",
    "for",
    "at",
}  # "a spokesman FOR the interior ministry", "workers AT Sasol's mines"
TWO_WORDS = {"two", "both"}

# "thousands of students", "a group of protesters": the actor is after "of".
QUANTITIES = {
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores",
    "million", "millions", "group", "number", "crowd", "band", "lot", "some", "many", "all",
    "most", "several", "few", "couple",
}  # fmt: skip


def phrase_tokens(head: Token, names_someone: Callable[[Token], bool]) -> list[Token]:
    """The tokens of the noun phrase headed by `head`, in order. Appositions
    count only where `names_someone` accepts their head."""
    selected = {head.i: head}
    stack = [head]
    # "Thousands of workers AT South Africa's mines": what identifies the crowd
    # identifies its members.
    quantity = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if quantity is not None and quantity.lemma_.lower() in QUANTITIES:
        for child in quantity.children:
            if child.dep_ == "prep" and child.lower_ in IDENTIFYING_PREPS - {"of"}:
                selected[child.i] = child
                stack.append(child)
    while stack:
        token = stack.pop()
        for child in token.children:
            coordinated_modifier = token.dep_ in {"amod", "compound"} and child.dep_ in {
                "conj",
                "cc",
            }
            if (
                child.dep_ not in PHRASE_DEPS
                and not (token.dep_ == "prep" and child.dep_ == "pobj")
                and not coordinated_modifier
            ):
                continue
            if child.dep_ == "prep" and child.lower_ not in IDENTIFYING_PREPS:
                continue
            if child.dep_ == "appos" and (not names_someone(child) or after_conjunct(child)):
                continue
            selected[child.i] = child
            stack.append(child)
        if token is head:
            for appos in stranded_appositions(head):
                selected[appos.i] = appos
                stack.append(appos)
    tokens = sorted(selected.values(), key=lambda t: t.i)
    tokens = misattached_modifiers(tokens) + tokens
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens.pop(0)
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ == "prep"):
        tokens.pop()
    return tokens


def after_conjunct(appos: Token) -> bool:
    """In 'A and her counterpart B', the parser may hang B on A; B then follows
    a conjunct of A and belongs to it."""
    return any(c.dep_ == "conj" and c.i < appos.i for c in appos.head.children)


def stranded_appositions(head: Token) -> list[Token]:
    """The appositions hung on a conjunct's governor that directly follow it."""
    if head.dep_ != "conj":
        return []
    return [
        c
        for c in head.head.children
        if c.dep_ == "appos" and c.left_edge.i == head.right_edge.i + 1
    ]


def name_run(tokens: list[Token], head: Token, covered: set[int]) -> str | None:
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


def misattached_modifiers(tokens: list[Token]) -> list[Token]:
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


def of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def phrase_head(token: Token) -> Token:
    """Climb from a name to the head of the phrase it is part of ('Akar' -> itself,
    'Benny Gantz' in apposition -> 'counterpart')."""
    while token.dep_ in {"compound", "flat", "appos"} and token.head.i != token.i:
        token = token.head
    return token


def person_name(tokens: list[Token]) -> str | None:
    names = [t for t in tokens if t.ent_type_ == "PERSON" and t.pos_ in {"PROPN", "NOUN"}]
    if not names:
        return None
    last = names[-1]
    # The whole PERSON entity around the last name word: "Choi Young-min", "al-Mansoori".
    for ent in ents_in(last.doc):
        if ent.label_ == "PERSON" and ent.start <= last.i < ent.end:
            return " ".join(ent.text.split())
    return last.text


_DIVISION_NOUNS = {"state", "province", "region", "district", "governorate", "prefecture"}


def place_name(token: Token) -> str:
    """The place named by a preposition's object: 'Uttar Pradesh', 'Rakhine state'."""
    if token.pos_ == "PROPN":
        return proper_name(token) or token.text
    if token.lemma_.lower() in _DIVISION_NOUNS:
        names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            return " ".join(t.text for t in [*names, token])
    return ""


def proper_name(head: Token) -> str | None:
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


def phrase_end(tokens: list[Token]) -> int:
    return max(t.idx + len(t.text) for t in tokens)


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def counts_two(tokens: list[Token]) -> bool:
    """'the two countries', 'both sides', 'the two countries' defense ministers'."""
    return any(
        t.lower_ in TWO_WORDS and t.head.tag_ in {"NNS", "NNPS"} and t.head in tokens
        for t in tokens
    )


def definite(head: Token, tokens: list[Token]) -> bool:
    """'the minister' (a reference back), not 'a minister' or 'police in Lagos'."""
    determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
    has_place = any(t.dep_ == "pobj" for t in tokens)
    return determiners in (["the"], ["this"], ["that"]) and not has_place
