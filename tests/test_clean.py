from datetime import date

import pytest

from dyad.clean import boilerplate_reason, clean_article, split_paragraphs
from dyad.records import Article

STORY = """KABUL – Afghan and Pakistani officials met on Sunday to reopen the Torkham crossing.

ALSO READ: Pakistan deports thousands of Afghans

This handout photo released on Feb 4, 2024 shows officials at the crossing. (MINISTRY / AFP)

"We agreed the crossing will open to trucks first," an Afghan official said.

"We agreed that the crossing will open to trucks first," a senior Afghan official told reporters.

Click here to subscribe to our daily briefing.

By Sara Karimi"""


def clean(text: str, **fields: object):  # type: ignore[no-untyped-def]
    return clean_article(Article(doc_id="d", text=text, **fields))  # type: ignore[arg-type]


def test_clean_drops_links_captions_prompts_and_bylines():
    result = clean(STORY)
    reasons = {r.reason for r in result.removed}
    assert reasons == {
        "link or prompt boilerplate",
        "photo caption or credit",
        "repeated paragraph",
        "byline",
    }
    assert "ALSO READ" not in result.text and "handout" not in result.text
    assert "subscribe" not in result.text and "Sara Karimi" not in result.text


def test_clean_keeps_quotes_once():
    result = clean(STORY)
    assert result.text.count("crossing will open to trucks first") == 1
    assert any(p.startswith('"We agreed') for p in result.paragraphs)


def test_clean_takes_dateline_off_first_paragraph():
    result = clean(STORY)
    assert result.dateline == "Kabul"
    assert result.paragraphs[0].startswith("Afghan and Pakistani officials")


def test_clean_dateline_with_agency_and_date():
    result = clean("NEW DELHI, March 3 (PTI) - India and Nepal signed a power deal.")
    assert result.dateline == "New Delhi"
    assert result.paragraphs[0] == "India and Nepal signed a power deal."


def test_clean_publication_date_from_caption_only_when_missing():
    assert clean(STORY).date == date(2024, 2, 4)
    assert clean(STORY, date=date(2024, 2, 5)).date == date(2024, 2, 5)


def test_clean_ordinary_paragraph_is_not_boilerplate():
    for text in [
        "Related talks will resume next week, the ministry said.",
        "Photographers were barred from the court.",
        "By the end of the day, troops had withdrawn.",
    ]:
        assert boilerplate_reason(text) is None, text


def test_clean_splits_single_newline_text_into_lines():
    assert split_paragraphs("one\ntwo") == ["one", "two"]
    assert split_paragraphs("one\nstill one\n\ntwo") == ["one still one", "two"]


@pytest.mark.parametrize(
    ("first", "place", "rest"),
    [
        ("WASHINGTON (Reuters) - The Senate voted.", "Washington", "The Senate voted."),
        ("KYIV, Ukraine — Drones struck a depot.", "Kyiv, Ukraine", "Drones struck a depot."),
        ("PARIS, Texas (AP) — Police made arrests.", "Paris, Texas", "Police made arrests."),
        ("BOGOTÁ – Talks resumed.", "Bogotá", "Talks resumed."),
        ("PORT-AU-PRINCE - Gangs blocked roads.", "Port-Au-Prince", "Gangs blocked roads."),
        ("Officials – who asked not to be named – said so.", None, None),
    ],
)
def test_clean_dateline_forms(first, place, rest):
    result = clean(first)
    assert result.dateline == place
    if rest is not None:
        assert result.paragraphs[0] == rest


def test_clean_publication_date_sources_and_never_invented():
    assert clean("Body text here.", date=date(2024, 1, 2)).date_source == "metadata"
    dated = clean("NAIROBI, March 3, 2024 (KNA) – Kenya and Uganda met.")
    assert (dated.date, dated.date_source) == (date(2024, 3, 3), "dateline")
    yearless = clean("NAIROBI, March 3 (KNA) – Kenya and Uganda met.")
    assert (yearless.date, yearless.date_source) == (None, None)
    assert clean(STORY).date_source == "caption"


def test_clean_editors_notes_and_share_prompts():
    text = "Editor's note: this story was updated.\n\nShare this article\n\nTalks went on."
    assert clean(text).paragraphs == ("Talks went on.",)


def test_clean_language_and_skip_reason():
    french = clean(
        "Le ministre des Affaires étrangères a rencontré jeudi son homologue allemand à Paris."
    )
    assert french.language == "fr" and french.skip_reason == "language is 'fr', not English"
    english = clean(STORY)
    assert english.language == "en" and english.skip_reason is None
    assert clean("ALSO READ: nothing else here").skip_reason == "no text left after cleaning"
