"""Direct quotes and their speakers: "who said what".

A quote is text between quotation marks (straight or curly) of at least a
few words; it may run over several sentences of a paragraph. Its speaker is
the subject of a speech verb ("said", "told", "added") outside the quotation
marks, in the sentence where the quote ends, else where it starts, resolved
to an actor like any other mention ("he said" takes the last person named).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from dyad.records import Actor, Quote

SPEECH_LEMMAS = {
    "say", "tell", "add", "state", "declare", "write", "warn", "insist", "announce", "note",
    "stress", "explain", "reply", "continue", "argue", "claim", "remark", "vow", "ask",
}  # fmt: skip
MIN_QUOTE_WORDS = 3
_QUOTE = re.compile(r"[\"“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside quotation marks, in order. An
    unclosed quote runs to the end (a paragraph's quote continued in the next
    is reopened there)."""
    marks = [m.start() for m in _QUOTE.finditer(text)]
    spans = []
    for opening, closing in zip(marks[0::2], [*marks[1::2], len(text)], strict=False):
        spans.append((opening + 1, closing))
    return spans


def speaker_of(sentence: Span, inside: Callable[[int], bool]) -> Token | None:
    """The subject of the sentence's speech verb, outside the quoted text."""
    for token in sentence:
        if token.lemma_.lower() not in SPEECH_LEMMAS or inside(token.idx):
            continue
        for child in token.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and not inside(child.idx):
                return child
    return None


def find_quotes(
    doc_id: str,
    sentences: Sequence[tuple[int, Span]],
    resolve: Callable[[Token, Span], list[Actor]],
) -> list[Quote]:
    """The quotes of one document's sentences (index, span), with speakers."""
    if not sentences:
        return []
    doc = sentences[0][1].doc
    # A Doc's text is joined from its tokens on each access: taken once.
    doc_text = doc.text
    quotes: list[Quote] = []
    for start, end in quote_spans(doc_text):
        text = " ".join(doc_text[start:end].split()).strip(" ,")
        if len(text.split()) < MIN_QUOTE_WORDS:
            continue
        touched = [(i, s) for i, s in sentences if s.start_char < end and s.end_char > start]
        if not touched:
            continue

        def inside(offset: int, start: int = start, end: int = end) -> bool:
            return start <= offset < end

        speaker: Token | None = None
        where = touched[-1]
        for index, sentence in [touched[-1], touched[0]]:
            speaker = speaker_of(sentence, inside)
            if speaker is not None:
                where = (index, sentence)
                break
        actors = resolve(speaker, where[1]) if speaker is not None else []
        speaker_text = None
        if speaker is not None:
            speaker_text = doc[speaker.left_edge.i : speaker.right_edge.i + 1].text
        digest = hashlib.sha256(f"{doc_id}\x1f{start}\x1f{text}".encode()).hexdigest()[:16]
        quotes.append(
            Quote(digest, doc_id, touched[0][0], text, speaker_text, actors[0] if actors else None)
        )
    return quotes
