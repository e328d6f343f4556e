import pytest

from dyad.api import code_documents
from dyad.quotes import quote_spans
from dyad.records import Article


def test_quotes_spans_straight_and_curly_marks():
    text = 'He said "we will talk" and “they will listen” later.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["we will talk", "they will listen"]
    assert quote_spans('An unclosed "quote runs on') == [(13, 26)]


@pytest.mark.model
def test_quotes_have_resolved_speakers():
    text = (
        "ANKARA – Turkish Defence Minister Hulusi Akar met his Israeli counterpart on Thursday.\n\n"
        '"We will keep working for peace in our region," Akar told reporters.\n\n'
        "“Our cooperation is good for both countries,” he added."
    )
    (coded,) = code_documents([Article("q1", text, date=None, origin="test")])
    by_text = {q.text: q for q in coded.quotes}
    first = by_text["We will keep working for peace in our region"]
    assert first.speaker_text == "Akar" and first.speaker and first.speaker.code == "TURGOVMIL"
    second = by_text["Our cooperation is good for both countries"]
    assert second.speaker and second.speaker.code == "TURGOVMIL"  # "he": the last person named


@pytest.mark.model
def test_quotes_tone_is_on_gdelt_scale_and_signed():
    calm = "Leaders welcomed the agreement and praised the peaceful cooperation between them."
    grim = "Attackers killed dozens of people and wounded hundreds in a horrific bombing."
    (good,) = code_documents([Article("t1", calm, origin="test")])
    (bad,) = code_documents([Article("t2", grim, origin="test")])
    assert good.tone is not None and bad.tone is not None
    assert -100 <= bad.tone < 0 < good.tone <= 100
    assert all(e.tone == bad.tone for e in bad.events)
