"""Actors: dictionaries (lexicon) and the resolution of mentions to coded actors."""

from dyad.actors.lexicon import ActorLexicon, build_lexicon
from dyad.actors.resolve import ActorResolver, DocContext

__all__ = ["ActorLexicon", "ActorResolver", "DocContext", "build_lexicon"]
