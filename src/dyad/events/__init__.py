"""Events: the CAMEO codebook, the pattern format and the coder."""

from dyad.events.codebook import CameoCode, load_codebook
from dyad.events.coder import Coded, EventCoder, event_id
from dyad.events.patterns import PatternSet, load_patterns, parse_patterns

__all__ = [
    "CameoCode",
    "Coded",
    "EventCoder",
    "PatternSet",
    "event_id",
    "load_codebook",
    "load_patterns",
    "parse_patterns",
]
