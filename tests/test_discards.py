from dyad.events.discards import load_builtin_discards, parse_discards


def test_discards_sentence_and_story_levels_whole_words():
    discards = parse_discards(["# comment\nFIRST SEED\n+MANCHESTER_UNITED\nchampion\n"])
    assert discards.sentence_hit("The first seed lost in straight sets.") == "first seed"
    assert discards.sentence_hit("A human rights championship") is None  # whole words only
    assert discards.story_hit("Manchester United signed a striker.") == "Manchester United"
    assert discards.story_hit("Police in Manchester arrested two men.") is None


def test_discards_minus_takes_a_phrase_back():
    discards = parse_discards(["TYPHOON\nBOXING\n", "-typhoon\n"])
    assert discards.sentence_hit("Aid arrived after the typhoon.") is None
    assert discards.sentence_hit("Boxing results from Manila.") == "Boxing"


def test_discards_builtin_lists():
    discards = load_builtin_discards()
    assert discards.sentence_hit("Japan's Nikkei share average rose 0.4%.") == "Nikkei"
    assert discards.sentence_hit("India sent aid after Typhoon Yagi hit Vietnam.") is None
