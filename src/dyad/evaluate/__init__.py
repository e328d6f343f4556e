"""`dyad eval`: score dyad against gold sets written by us, with pinned floors.

- actors.py: actor mentions (gold/actors.jsonl), country and full-code accuracy;
- events.py: events per sentence (gold/events.jsonl), precision, recall and F1
  at several levels, false events on no-event sentences, a root confusion table;
- whenwhere.py: each event's date and location (gold/when-where.jsonl): exact
  and within-precision date accuracy, country and 161 km location accuracy;
- common.py: reading gold files and floors.
"""

from dyad.evaluate.actors import ActorReport, evaluate_actors
from dyad.evaluate.common import below_floors, load_floors, load_gold
from dyad.evaluate.events import EventReport, evaluate_events
from dyad.evaluate.whenwhere import WhenWhereReport, evaluate_when_where

__all__ = [
    "ActorReport",
    "EventReport",
    "WhenWhereReport",
    "below_floors",
    "evaluate_actors",
    "evaluate_events",
    "evaluate_when_where",
    "load_floors",
    "load_gold",
]
