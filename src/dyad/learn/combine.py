"""Joining the learned models to the patterns.

The patterns stay the precise rules and the explanation of an event. The
models judge each sentence:
- the detector vetoes pattern events in sentences it is sure report none
  (a storm that "battered", a team that "attacked"), and, with the typer,
  those both models doubt (a minister who "visited" a farm);
- the typer retypes a pattern event whose root it finds unlikely while sure
  of another (a verb sense the pattern did not mean), and adds its own event
  where the patterns caught only a side one;
- when no pattern matched, a sentence the detector finds eventful is typed
  by the typer (root, then the best code in that root), its trigger is the
  word whose own features best support that root, and its roles are read
  from the parse around the trigger as for a pattern.
Confidence is the detector's probability times the typer's for the event's
root, calibrated (calibrate.py).

Modes: "combined" (the default), "patterns" (the rules alone) and "models"
(the models alone, every sentence typed by them), the last two for ablation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache, partial
from importlib import resources
from pathlib import Path

from spacy.tokens import Span, Token

from dyad.actors import DocContext
from dyad.config import MODES, Options
from dyad.errors import DataFileError, DyadError
from dyad.events.coder import Coded, EventCoder, unique_events
from dyad.events.roles import in_hypothetical, is_negated, is_question, unrealised
from dyad.learn.calibrate import Calibration, calibrated
from dyad.learn.features import sentence_features, trigger_features
from dyad.learn.linear import ModelBundle
from dyad.records import Actor

BUILTIN_MODELS = "event-models.npz"
# Entity types that name an actor (not "two", "Monday").
_NAME_TYPES = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
# A pattern's root the typer gives less than this is one it does not believe.
_UNLIKELY = 0.05


@dataclass(frozen=True)
class Prediction:
    event: float  # probability that the sentence reports a political event
    # CAMEO root -> probability, and full CAMEO code -> probability, given an
    # event; each made when first asked for (a sentence the detector rules out
    # and the patterns find nothing in needs neither; few need the codes).
    root_probabilities: Callable[[], dict[str, float]]
    code_probabilities: Callable[[], dict[str, float]]

    @cached_property
    def roots(self) -> dict[str, float]:
        return self.root_probabilities()

    @cached_property
    def codes(self) -> dict[str, float]:
        return self.code_probabilities()

    def best_root(self) -> str:
        return max(self.roots, key=self.roots.__getitem__)

    def best_code(self, root: str) -> str:
        """The likeliest code under `root`; the root's general code if none is known."""
        inside = {c: p for c, p in self.codes.items() if c.startswith(root)}
        return max(inside, key=inside.__getitem__) if inside else f"{root}0"


@lru_cache(maxsize=2)
def load_models(path: str | None = None) -> ModelBundle:
    if path:
        return ModelBundle.load(Path(path))
    source = resources.files("dyad") / "data" / "models" / BUILTIN_MODELS
    with resources.as_file(source) as file:
        if not file.exists():
            raise DataFileError(f"{file}: the built-in event models are missing; run `make train`")
        return ModelBundle.load(file)


class LearnedCoder:
    """The models' part of the coder; its thresholds come from the Options."""

    def __init__(
        self,
        models: ModelBundle,
        coder: EventCoder,
        options: Options,
        calibration: Calibration | None = None,
    ) -> None:
        if options.coder not in MODES:
            raise DyadError(f"unknown coder mode {options.coder!r}; one of {', '.join(MODES)}")
        self.models = models
        self.coder = coder
        self.options = options
        self.calibration: Calibration = (
            _stored_calibration(models) if calibration is None else calibration
        )
        self.version = f"learned/{models.meta.get('version', 'unknown')}"

    def predict(self, sentence: Span) -> Prediction:
        rows = self.models.rows(sentence_features(sentence))
        models = self.models.models
        return Prediction(
            models["detector"].probability(rows, "event"),
            partial(models["root"].probabilities, rows),
            partial(models["code"].probabilities, rows),
        )

    def combine(
        self,
        sentence: Span,
        found: list[Coded],
        context: DocContext,
        prediction: Prediction | None = None,
    ) -> list[Coded]:
        """The sentence's events, given those the patterns found in it (and the
        models' prediction for it, when already made)."""
        if self.options.coder == "patterns" or is_question(sentence):
            return found
        prediction = prediction or self.predict(sentence)
        if self.options.coder == "combined" and found:
            if prediction.event < max(self.options.veto_threshold, self.options.doubt_threshold):
                # Vetoed: the events of actors the sentence names. Kept: negated
                # events (flagged, not counted) and actors it cannot see.
                found = [
                    c
                    for c in found
                    if c.negated
                    or not _named(c.source, sentence)
                    or not self._vetoed(c, prediction)
                ]
                if not any(not c.negated for c in found):
                    return found
            if any(c.code.root == prediction.best_root() for c in found):
                return [self._rescored(c, prediction) for c in found]
            reviewed = [self._rescored(self._retyped(c, prediction), prediction) for c in found]
            if (
                prediction.roots[prediction.best_root()] >= self.options.add_threshold
                and prediction.event >= self.options.detect_threshold
                and not any(c.code.root == prediction.best_root() for c in reviewed)
            ):
                # The patterns caught a side event; the typer names the main one.
                reviewed += self._typed(sentence, prediction, context)
            return unique_events(reviewed)
        if prediction.event < self.options.detect_threshold:
            return []
        return self._typed(sentence, prediction, context)

    def _vetoed(self, coded: Coded, prediction: Prediction) -> bool:
        """Whether the models overrule a pattern event: the detector is sure the
        sentence reports none, or it doubts one and the typer doubts the event's
        root ("the president toured a greenhouse farm": a visit to no one)."""
        if prediction.event < self.options.veto_threshold:
            return True
        return (
            prediction.event < self.options.doubt_threshold
            and prediction.roots.get(coded.code.root, 0.0) < self.options.doubt_root_threshold
        )

    def _retyped(self, coded: Coded, prediction: Prediction) -> Coded:
        """A pattern event retyped where the typer is sure of another root and
        gives the pattern's almost none: a verb sense the pattern did not mean."""
        best = prediction.best_root()
        if (
            prediction.roots[best] >= self.options.override_threshold
            and prediction.roots.get(coded.code.root, 0.0) < _UNLIKELY
        ):
            return replace(coded, code=self.coder.codebook[prediction.best_code(best)])
        return coded

    def _rescored(self, coded: Coded, prediction: Prediction) -> Coded:
        """A pattern event's confidence: the models' agreement with its root, calibrated."""
        raw = prediction.event * prediction.roots.get(coded.code.root, 0.0)
        return replace(coded, confidence=calibrated(self.calibration, "pattern", raw))

    def _typed(self, sentence: Span, prediction: Prediction, context: DocContext) -> list[Coded]:
        root = prediction.best_root()
        if prediction.roots[root] < self.options.type_threshold:
            return []  # eventful, but of no type the typer is sure enough of
        trigger = self._trigger(sentence, root)
        if trigger is None or in_hypothetical(trigger):
            return []
        confidence = calibrated(
            self.calibration, "model", prediction.event * prediction.roots[root]
        )
        code = prediction.best_code(root)
        coded = self.coder.code_as(trigger, code, sentence, context) or self._by_order(
            trigger, code, sentence, context
        )
        # A typed sentence whose trigger is a speech verb reports its content:
        # "no arrests were made, police said" is negated there.
        reported = [c for c in trigger.children if c.dep_ == "ccomp"]
        negated = is_negated(trigger, *reported)
        return [
            replace(c, confidence=confidence, negated=c.negated or negated, origin="model")
            for c in coded
        ]

    def _trigger(self, sentence: Span, root: str) -> Token | None:
        """The verb (or, wanting one, the noun) whose own features best support `root`."""
        typer = self.models.models["root"]
        unrealised_verbs = self.coder.patterns.unrealised_verbs
        # Verbs first: a noun carries the event only where no verb does.
        for pos in ("VERB", "NOUN"):
            best: tuple[float, Token] | None = None
            for token in sentence:
                if token.pos_ != pos or unrealised(token, unrealised_verbs):
                    continue
                rows = self.models.rows([f"w:{token.lemma_.lower()}", *trigger_features(token)])
                if not rows:
                    continue
                score = typer.probability(rows, root)
                if best is None or score > best[0]:
                    best = (score, token)
            if best is not None:
                return best[1]
        return None

    def _by_order(
        self, trigger: Token, code: str, sentence: Span, context: DocContext
    ) -> list[Coded]:
        """No roles in the parse: the first actor named acts on the next one."""
        actors = self.coder.sentence_actors(sentence, context)
        if not actors:
            return []
        source = actors[0]
        target = next((a for a in actors[1:] if a.code != source.code), None)
        return self.coder.pairs_for(source, target, code, trigger, sentence)


def _named(actor: Actor, sentence: Span) -> bool:
    """Whether the sentence names the actor itself ("Kenya", "Israeli troops"),
    rather than the document's context ("they", "the two countries"): the
    detector reads one sentence, so it has no veto over actors it cannot see."""
    start, end = actor.span
    return any(
        start <= token.idx - sentence.start_char < end
        and (token.ent_type_ in _NAME_TYPES or token.pos_ == "PROPN")
        for token in sentence
    )


def _stored_calibration(models: ModelBundle) -> Calibration:
    stored = models.meta.get("calibration", {})
    return {kind: (float(a), float(b)) for kind, (a, b) in stored.items()}
