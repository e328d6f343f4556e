"""The pipeline: clean, parse, code actors and events, then date and place them.

`Pipeline` holds what is loaded once (the spaCy model, dictionaries,
patterns, gazetteer) and turns Article records into Events, in batches
through `nlp.pipe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyad import __version__
from dyad.actors import ActorResolver, build_lexicon
from dyad.actors.dictionary import load_dictionaries
from dyad.batches import batched
from dyad.clean import clean_article
from dyad.config import Options
from dyad.dates import EventDate, period_end, resolve_event_date
from dyad.events import Coded, EventCoder, event_id, load_patterns
from dyad.events.discards import load_builtin_discards
from dyad.events.roles import is_future
from dyad.heap import release_free_memory
from dyad.learn.combine import LearnedCoder, load_models
from dyad.learn.embedding import EMBEDDING, embedding_veto
from dyad.locate import EventLocator
from dyad.nlp import load_pipeline, model_label, parse_texts
from dyad.places import load_gazetteer
from dyad.quotes import find_quotes
from dyad.records import Article, CleanArticle, Event, Location, Quote
from dyad.tone import article_tone


@dataclass(frozen=True, slots=True)
class DocumentEvents:
    events: list[Event]
    quotes: list[Quote]
    tone: float | None = None


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: CleanArticle
    events: list[Event]
    skipped: str | None = None  # why it was not coded (not English, nothing left)
    quotes: list[Quote] = field(default_factory=list)
    tone: float | None = None
    coder: str = ""  # the coder version that coded it


class DocumentCoder:
    """Everything that codes parsed text: dictionaries, resolver, patterns, coder.
    Shared by the Pipeline and the spaCy component."""

    def __init__(self, nlp: Language, options: Options) -> None:
        self.options = options
        tokenizer = nlp.tokenizer

        def tokenize(text: str) -> list[str]:
            return [t.text for t in tokenizer(text)]

        self.lexicon = build_lexicon(tokenize)
        self.gazetteer = load_gazetteer()
        self.locator = EventLocator(self.gazetteer)
        self.people = load_dictionaries(options, tokenize)
        self.resolver = ActorResolver(self.lexicon, self.gazetteer, self.people)
        self.patterns = load_patterns(options.pattern_files())
        self.coder = EventCoder(self.patterns, self.resolver)
        self.discards = load_builtin_discards()
        self.learned = (
            None
            if options.coder == "patterns"
            else LearnedCoder(load_models(options.models or None), self.coder, options)
        )
        self.embedding_veto = (
            embedding_veto(self.learned.models, options, options.models or "the built-in models")
            if self.learned is not None and options.embeddings
            else None
        )
        learned = f" {self.learned.version}" if self.learned else ""
        learned += f"+{EMBEDDING}" if self.embedding_veto else ""
        self.version = (
            f"dyad/{__version__} rules/{self.patterns.version}{learned} "
            f"actors/{self.lexicon.version} {model_label(nlp)}"
        )

    def code_sentences(
        self,
        doc_id: str,
        sentences: list[tuple[int, Span, int]],
        published: date | None,
        dateline: str | None,
        repeats: frozenset[int] = frozenset(),
        tone: float | None = None,
    ) -> DocumentEvents:
        """Events and quotes of (index, sentence, offset base) triples of one
        document, in order. Sentences in `repeats` (of a repeated paragraph)
        add mentions to the events they repeat, never events of their own."""
        places = self.locator.document_places(sentence for _, sentence, _ in sentences)
        context = self.resolver.new_context(dateline, published, places.countries)
        # Coded sentence by sentence (the resolver follows the document), each with
        # the countries seen up to it; then placed and dated, once vetoed.
        coded_sentences: list[tuple[int, Span, list[Coded], list[str]]] = []
        for index, sentence, offset_base in sentences:
            if not len(sentence) or self.discards.sentence_hit(sentence.text):
                continue
            context.offset_base = offset_base
            found = self.coder.code_sentence(sentence, context)
            if self.learned is not None:
                found = self.learned.combine(sentence, found, context)
            if found:
                seen = [c for c, _ in context.countries_seen.most_common(3)]
                coded_sentences.append((index, sentence, found, seen))
        if self.embedding_veto is not None:
            coded_sentences = self._embedding_vetoed(coded_sentences)
        events: list[Event] = []
        for index, sentence, found, seen in coded_sentences:
            for coded in found:
                if coded.confidence < self.options.min_confidence:
                    continue
                if index in repeats:
                    _add_mention(events, coded, index)
                    continue
                when = resolve_event_date(coded.clause, published, coded.future)
                if when.inherited:
                    # The parse may hang the date on a neighbouring clause ("fired at
                    # protesters demonstrating in Ibadan on Thursday"): the sentence's.
                    future = coded.future or is_future(sentence.root)
                    when = resolve_event_date(sentence.text, published, future)
                if _background(when, published):
                    continue  # "signed a treaty in 2000": history, not news
                preference = self.locator.preference(
                    [coded.source, coded.target], context.dateline_country, places, seen
                )
                location = self.locator.locate(
                    sentence, coded.source, coded.target, dateline, preference
                )
                event = self._event(doc_id, index, sentence, coded, when, location)
                events.append(replace(event, tone=tone))
        context.offset_base = 0
        body = [(i, s) for i, s, base in sentences if base == 0 and i not in repeats]
        quotes = find_quotes(
            doc_id, body, lambda token, sentence: self.resolver.resolve(token, sentence, context)
        )
        return DocumentEvents(_merge_reports(events), quotes)

    def _embedding_vetoed(
        self, coded: list[tuple[int, Span, list[Coded], list[str]]]
    ) -> list[tuple[int, Span, list[Coded], list[str]]]:
        """Without the events of sentences the embedding detector rules out
        (negated ones stay: flagged, they are not counted as events)."""
        assert self.embedding_veto is not None
        least = self.options.min_confidence
        eventful = [
            i
            for i, (_, _, found, _) in enumerate(coded)
            if any(not c.negated and c.confidence >= least for c in found)
        ]
        ruled_out = self.embedding_veto.ruled_out([coded[i][1].text for i in eventful])
        for i, out in zip(eventful, ruled_out, strict=True):
            if out:
                index, sentence, found, seen = coded[i]
                coded[i] = (index, sentence, [c for c in found if c.negated], seen)
        return coded

    def _event(
        self,
        doc_id: str,
        index: int,
        sentence: Span,
        coded: Coded,
        when: EventDate,
        location: Location | None,
    ) -> Event:
        return Event(
            event_id=event_id(doc_id, index, coded),
            mentions=(index,),
            doc_id=doc_id,
            sentence_index=index,
            sentence=sentence.text.strip(),
            source=coded.source,
            target=coded.target,
            cameo=coded.code.code,
            cameo_root=coded.code.root,
            quad_class=coded.code.quad_class,
            goldstein=coded.code.goldstein,
            plover=coded.code.plover,
            trigger_span=coded.trigger,
            confidence=coded.confidence,
            coder=self.version,
            date=when.value,
            date_precision=when.precision,
            date_inherited=when.inherited,
            location=location,
            negated=coded.negated,
        )


# Articles coded inside one of spaCy's memory zones (see Pipeline.code_articles).
ZONE_ARTICLES = 512


class Pipeline:
    """Articles in, coded articles out: cleaning, batched parsing, coding."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.nlp = load_pipeline(options.model)
        self.document_coder = DocumentCoder(self.nlp, options)
        self.resolver = self.document_coder.resolver
        self.coder = self.document_coder.coder
        self.coder_version = self.document_coder.version

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code articles in batches, yielding them in input order."""
        for chunk in batched(articles, ZONE_ARTICLES):
            # What a chunk adds to spaCy's vocabulary (every new name, number and
            # typo) is freed after it: a long stream would otherwise grow it for ever.
            # Nothing of spaCy's leaves the zone: coded articles are plain records.
            with self.nlp.memory_zone():
                yield from self._code_chunk(chunk)
            release_free_memory()

    def _code_chunk(self, articles: list[Article]) -> Iterator[CodedArticle]:
        cleaned = (clean_article(a) for a in articles)

        def texts() -> Iterator[tuple[str, tuple[CleanArticle, str, str | None]]]:
            for article in cleaned:
                reason = self._skip_reason(article)
                if reason:
                    # Not parsed: passed through so it comes out in order, uncoded.
                    yield "", (article, "skip", reason)
                    continue
                title, body = texts_to_parse(article)
                yield title, (article, "title", None)
                yield body, (article, "body", None)

        pending: Doc | None = None
        batches = parse_texts(self.nlp, texts(), self.options.batch_size)
        for doc, (article, part, reason) in batches:
            if part == "skip":
                yield CodedArticle(article, [], reason, coder=self.coder_version)
            elif part == "title":
                pending = doc
            else:
                assert pending is not None
                found = self._code_parsed(article, pending, doc)
                yield CodedArticle(
                    article, found.events, None, found.quotes, found.tone, self.coder_version
                )
                pending = None

    def _skip_reason(self, article: CleanArticle) -> str | None:
        if article.skip_reason:
            return article.skip_reason
        if len(article.text) > self.nlp.max_length:
            # spaCy refuses longer texts (and would need too much memory for them).
            return (
                f"text is {len(article.text):,} characters, over the parser's limit of "
                f"{self.nlp.max_length:,}"
            )
        phrase = self.document_coder.discards.story_hit(
            f"{article.article.title or ''} {article.text}"
        )
        return f"story discard phrase {phrase!r}" if phrase else None

    def _code_parsed(self, article: CleanArticle, title: Doc, body: Doc) -> DocumentEvents:
        sentences: list[tuple[int, Span, int]] = []
        if len(title):
            # The headline is parsed apart and comes first: its offsets sit before the body's.
            sentences.append((0, title[:], -(10**6)))
        repeats = set()
        for i, sentence in enumerate(body.sents, start=1):
            sentences.append((i, _trim(sentence), 0))
            if sentence.start_char >= len(article.text):
                repeats.add(i)
        tone = article_tone(article.paragraphs)
        found = self.document_coder.code_sentences(
            article.article.doc_id,
            sentences,
            article.date,
            article.dateline,
            frozenset(repeats),
            tone,
        )
        return DocumentEvents(found.events, found.quotes, tone)


def _add_mention(events: list[Event], coded: Coded, index: int) -> None:
    """A repeated sentence's event counts as another mention of the same event
    (same source, target and code) reported earlier in the article."""
    key = (coded.source.code, coded.target.code if coded.target else None, coded.code.code)
    for position, event in enumerate(events):
        if (event.source.code, event.target.code if event.target else None, event.cameo) == key:
            if index not in event.mentions:
                events[position] = replace(event, mentions=(*event.mentions, index))
            return


def _merge_reports(events: list[Event]) -> list[Event]:
    """One article telling one event twice (the headline and the lead, say):
    the same source, target, code and date are one event with two mentions,
    told by its first sentence in the body."""
    merged: list[Event] = []
    position: dict[tuple[object, ...], int] = {}
    for event in events:
        target = event.target.code if event.target else None
        key = (event.source.code, target, event.cameo, event.date, event.date_precision)
        if key not in position:
            position[key] = len(merged)
            merged.append(event)
            continue
        first = merged[position[key]]
        mentions = tuple(sorted({*first.mentions, *event.mentions}))
        # The lead's sentence tells the event better than the headline's.
        told = event if first.sentence_index == 0 else first
        merged[position[key]] = replace(told, mentions=mentions)
    return merged


def texts_to_parse(article: CleanArticle) -> tuple[str, str]:
    """The headline and the body as the parser gets them. Repeated paragraphs
    come after the body, for the mentions they add."""
    repeated = [r.text for r in article.removed if r.reason == "repeated paragraph"]
    return article.article.title or "", "\n\n".join([article.text, *repeated])


# An event dated (by its own words) more than this before publication is background.
_BACKGROUND = timedelta(days=365)


def _background(when: EventDate, published: date | None) -> bool:
    """Whether the event's period ended more than a year before publication
    ("last year" published in June is news; "in 2019" is not)."""
    if published is None or when.value is None or when.inherited:
        return False
    return period_end(when) < published - _BACKGROUND


def _trim(sentence: Span) -> Span:
    """Drop the whitespace tokens that paragraph breaks leave at a sentence's edges."""
    start, end = sentence.start, sentence.end
    while start < end and sentence.doc[start].is_space:
        start += 1
    while end > start and sentence.doc[end - 1].is_space:
        end -= 1
    return sentence.doc[start:end]
