"""What a document has established so far (people, roles, countries, the
dateline), and the lookups that resolve later mentions against it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from dyad.records import Actor


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
    # The actors of the last subject that acted, for "they" ("Kenya and Uganda
    # signed ... They also agreed ...").
    last_subjects: list[Actor] = field(default_factory=list)
    # Added to token offsets: the headline is parsed apart and comes first.
    offset_base: int = 0
    countries_seen: Counter[str] = field(default_factory=Counter)


def register(actor: Actor, name: str, head: Token, context: DocContext) -> None:
    """Remember a person under the full name and each part of it ('Choi Young-min'
    is later 'Choi'); a part already taken by someone else keeps its owner."""
    context.people[name] = actor
    for part in name.replace("-", " ").split():
        if len(part) > 1 and part[0].isupper():
            context.people.setdefault(part, actor)
    offset = context.offset_base + head.idx
    if not any(known == offset for known, _ in context.mentions):
        context.mentions.append((offset, actor))


def actor_before(
    token: Token,
    context: DocContext,
    accept: Callable[[Actor], bool],
    since: int | None = None,
) -> Actor | None:
    """The last actor coded before `token` (and at or after offset `since`),
    named or not, that `accept` takes."""
    position = context.offset_base + token.idx
    candidates = [
        (offset, actor)
        for offset, actor in [*context.mentions, *context.recent]
        if offset < position and (since is None or offset >= since) and accept(actor)
    ]
    return max(candidates, key=lambda m: m[0])[1] if candidates else None


def person_before(token: Token, context: DocContext) -> Actor | None:
    """The last person coded before `token` in this document."""
    position = context.offset_base + token.idx
    before = [(offset, actor) for offset, actor in context.mentions if offset < position]
    return max(before, key=lambda m: m[0])[1] if before else None


def relocate(actor: Actor, token: Token, sentence: Span) -> Actor:
    start = token.idx - sentence.start_char
    return replace(actor, text=token.text, span=(start, start + len(token.text)))
