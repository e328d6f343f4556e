"""Actors: dictionaries (lexicon, dated dictionary), noun phrases, document
context (coreference), and the resolution of mentions to coded actors."""

from dyad.actors.context import DocContext
from dyad.actors.lexicon import ActorLexicon, build_lexicon
from dyad.actors.resolve import ActorResolver

__all__ = ["ActorLexicon", "ActorResolver", "DocContext", "build_lexicon"]
