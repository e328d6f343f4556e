"""`dyad eval`: score dyad against gold sets written by us, with pinned floors.

- actors.py: actor mentions (gold/actors.jsonl), country and full-code accuracy;
- events.py: events per sentence (gold/events.jsonl), precision, recall and F1
  at several levels, false events on no-event sentences, a root confusion table;
- common.py: reading gold files and floors.
"""

from dyad.evaluate.actors import ActorReport, evaluate_actors
from dyad.evaluate.common import below_floors, load_floors, load_gold
from dyad.evaluate.events import EventReport, evaluate_events

__all__ = [
    "ActorReport",
    "EventReport",
    "below_floors",
    "evaluate_actors",
    "evaluate_events",
    "load_floors",
    "load_gold",
]
