from dyad.store.dedup import DuplicateFinder, from_bytes, to_bytes

STORY = (
    "Police in Lima detained 20 protesters on Thursday after a march against a new mining law "
    "turned violent near the Congress building, officials said. The interior ministry said "
    "officers were attacked with stones and that an investigation had been opened. Organisers "
    "said the march had been peaceful until police used tear gas on a group of students who "
    "tried to reach the building. The law, approved last month, lets companies explore in "
    "protected highland areas without consulting local communities first, which critics say "
    "breaks an agreement the government signed with Indigenous groups in 2021."
)


def test_dedup_finds_an_edited_copy_but_not_another_story():
    finder = DuplicateFinder(threshold=0.7)
    finder.add("original", finder.signature(STORY))
    copy = STORY.replace("officials said", "officials told reporters") + " Reporting by staff."
    assert finder.original_of(finder.signature(copy)) == "original"
    other = "Floods in the north of Peru cut roads to three towns, and rescue teams were sent."
    assert finder.original_of(finder.signature(other)) is None


def test_dedup_signatures_survive_storage():
    finder = DuplicateFinder(threshold=0.7)
    signature = finder.signature(STORY)
    restored = from_bytes(to_bytes(signature))
    assert restored.jaccard(signature) == 1.0
    later = DuplicateFinder(threshold=0.7)
    later.load([("stored", to_bytes(signature))])
    assert later.original_of(later.signature(STORY)) == "stored"


def test_dedup_forgets_articles_older_than_its_window():
    finder = DuplicateFinder(threshold=0.7, window=2)
    finder.add("original", finder.signature(STORY))
    assert finder.original_of(finder.signature(STORY)) == "original"
    for number in range(2):
        finder.add(f"later-{number}", finder.signature(f"Another story, number {number}, on rain."))
    assert finder.original_of(finder.signature(STORY)) is None  # pushed out by two later ones


def test_dedup_store_hands_back_its_latest_signatures_oldest_first(tmp_path):
    from dyad.store import ArticleWrite, open_store
    from test_store import article

    finder = DuplicateFinder(threshold=0.7)
    with open_store(tmp_path / "s.duckdb") as store:
        for doc_id in ("a", "b", "c"):
            signature = to_bytes(finder.signature(f"{STORY} {doc_id}"))
            store.add_articles([ArticleWrite(article(doc_id), [], "c", signature=signature)])
        assert [doc_id for doc_id, _ in store.signatures(latest=2)] == ["b", "c"]


def test_dedup_names_the_earliest_of_equal_copies_as_the_ring_turns():
    finder = DuplicateFinder(threshold=0.7, window=3)
    finder.add("first", finder.signature(STORY))
    finder.add("second", finder.signature(STORY))
    assert finder.original_of(finder.signature(STORY)) == "first"
    finder.add("rain", finder.signature("Rain fell on the coast for a third day."))
    finder.add("wind", finder.signature("Strong winds closed two ports in the south on Monday."))
    # "first" is overwritten by "wind"; the earliest copy left is "second".
    assert finder.original_of(finder.signature(STORY)) == "second"
    finder.add("second", finder.signature(STORY))  # already indexed: no new slot
    assert finder.original_of(finder.signature(STORY)) == "second"
