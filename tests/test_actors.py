import pytest

pytestmark = pytest.mark.model


def actors_of(pipeline, text, word, context=None):  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(text)
    context = context or pipeline.resolver.new_context(None)
    head = next(t for t in doc if t.text == word)
    return [a.code for a in pipeline.resolver.resolve(head, doc[:], context)]


def test_actors_titles_names_and_countries(pipeline):
    assert actors_of(pipeline, "Turkish Defense Minister Hulusi Akar spoke.", "Akar") == [
        "TURGOVMIL"
    ]
    assert actors_of(pipeline, "Israel's prime minister spoke.", "minister") == ["ISRGOV"]
    assert actors_of(pipeline, "Türkiye protested.", "Türkiye") == ["TUR"]
    assert actors_of(pipeline, "The Kremlin protested.", "Kremlin") == ["RUSGOV"]
    assert actors_of(pipeline, "Ankara protested.", "Ankara") == ["TURGOV"]
    assert actors_of(pipeline, "NATO protested.", "NATO") == ["IGOWSTNAT"]


def test_actors_coordinated_nationalities_are_two_actors(pipeline):
    assert actors_of(pipeline, "Kenyan and Ugandan officials met.", "officials") == [
        "KENGOV",
        "UGAGOV",
    ]


def test_actors_unnamed_agents_take_the_place_country(pipeline):
    assert actors_of(pipeline, "Police in Mombasa arrested two men.", "Police") == ["KENCOP"]
    context = pipeline.resolver.new_context("Lima")
    assert actors_of(pipeline, "Police arrested two men.", "Police", context) == ["PERCOP"]
    # A country named elsewhere in the sentence is not where the police are from.
    assert actors_of(pipeline, "Police arrested two Chileans.", "Police", context) == []


def test_actors_things_are_not_actors(pipeline):
    assert actors_of(pipeline, "They signed a military cooperation agreement.", "agreement") == []


def test_actors_bare_surnames_and_pronouns_resolve_to_people_seen_before(pipeline):
    context = pipeline.resolver.new_context(None)
    doc = pipeline.nlp(
        "Kenyan Interior Minister Grace Achieng met reporters. Achieng said he left."
    )
    first, second = list(doc.sents)
    pipeline.resolver.remember(first, context)
    surname = next(t for t in second if t.text == "Achieng")
    (actor,) = pipeline.resolver.resolve(surname, second, context)
    assert actor.code == "KENGOV" and actor.name == "Grace Achieng"
    pronoun = next(t for t in second if t.text == "he")
    assert [a.code for a in pipeline.resolver.resolve(pronoun, second, context)] == ["KENGOV"]


def test_actors_divisions_and_ambiguity(pipeline):
    assert actors_of(pipeline, "Police in Uttar Pradesh arrested two men.", "Police") == ["INDCOP"]
    assert actors_of(pipeline, "Gunmen in Borno state attacked a base.", "Gunmen") == ["NGAREB"]
    # Punjab is in India and in Pakistan: without context, no country is guessed.
    assert actors_of(pipeline, "Police in Punjab arrested two men.", "Police") == []
    context = pipeline.resolver.new_context("Lahore")
    assert actors_of(pipeline, "Police in Punjab arrested two men.", "Police", context) == [
        "PAKCOP"
    ]


def test_actors_dated_dictionary_people(pipeline):
    from datetime import date

    text = "Recep Tayyip Erdogan spoke."
    before = pipeline.resolver.new_context(None, date(2001, 1, 1))
    after = pipeline.resolver.new_context(None, date(2010, 1, 1))
    assert actors_of(pipeline, text, "Erdogan", before) == ["TURELI"]
    assert actors_of(pipeline, text, "Erdogan", after) == ["TURGOV"]


def test_actors_the_minister_refers_back(pipeline):
    context = pipeline.resolver.new_context(None)
    doc = pipeline.nlp("Kenyan Interior Minister Grace Achieng met envoys. The minister left.")
    first, second = list(doc.sents)
    pipeline.coder.code_sentence(first, context)
    minister = next(t for t in second if t.text == "minister")
    assert [a.code for a in pipeline.resolver.resolve(minister, second, context)] == ["KENGOV"]


def test_actors_they_refers_to_the_last_acting_subject(pipeline):
    import dyad

    text = "Kenya and Uganda signed a border agreement on Monday. They also agreed to hold talks."
    events = dyad.code_text(text, date="2024-03-14")
    second = {(e.source.code, e.target.code if e.target else None) for e in events
              if e.sentence_index == 2}  # fmt: skip
    assert second == {("KEN", "UGA"), ("UGA", "KEN")}
