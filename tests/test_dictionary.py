from datetime import date

import pytest

from dyad.actors.dictionary import (
    ActorDictionary,
    DatedCode,
    Entry,
    load_builtin,
    load_user_file,
    parse_phoenix,
)
from dyad.errors import DataFileError

from conftest import FIXTURES

ACTORS = FIXTURES / "actors"


def split(text: str) -> list[str]:
    return text.replace(",", " ,").split()


def test_dictionary_phoenix_format_with_date_ranges():
    entries = parse_phoenix((ACTORS / "phoenix-style.txt").read_text(), "p.txt")
    (names, codes), (org_names, org_codes) = entries
    assert names == ["TESFAYE GEBRE", "MINISTER GEBRE"]
    entry = Entry(names[0], tuple(codes))
    assert entry.code_on(date(2015, 6, 1)) == "ETHELI"
    assert entry.code_on(date(2019, 6, 1)) == "ETHGOVMIL"
    assert entry.code_on(date(1990, 6, 1)) == "ETHELI"  # the undated default
    assert entry.code_on(None) == "ETHELI"
    assert org_names == ["NILE BASIN FORUM"] and org_codes == [DatedCode("IGOAFRNBF")]


def test_dictionary_phoenix_bad_line_names_file_and_line():
    text = "GOOD_NAME_ [KENGOV]\nBAD_NAME_\n\t[KENGOV 0303]\nLATER_ [UGAGOV]\n"
    with pytest.raises(DataFileError, match=r"^bad\.txt:3: cannot read code '\[KENGOV 0303\]'"):
        parse_phoenix(text, "bad.txt")
    problems: list[DataFileError] = []
    kept = parse_phoenix(text, "bad.txt", on_error=problems.append)
    assert [names[0] for names, _ in kept] == ["GOOD NAME", "LATER"]  # the rest is kept
    assert len(problems) == 1


def test_dictionary_user_csv_and_overrides():
    dictionary = ActorDictionary()
    assert load_user_file(ACTORS / "people.csv", dictionary, split) == 1
    size, entry = dictionary.match(["amina", "wanjiru", "said"], 0)  # type: ignore[misc]
    assert size == 2 and entry.code_on(date(2024, 1, 1)) == "KENGOVMIL"
    assert entry.code_on(date(2020, 1, 1)) == "KENOPP"
    assert dictionary.match(["wanjiru"], 0) is not None  # alias


def test_dictionary_bad_csv_line_fails_with_line_and_reason():
    with pytest.raises(
        DataFileError, match=r"bad\.csv:3: code 'ETH GOV' is not a CAMEO actor code"
    ):
        load_user_file(ACTORS / "bad.csv", ActorDictionary(), split)


def test_dictionary_builtin_conversion_of_phoenix():
    dictionary = ActorDictionary()
    load_builtin(dictionary)
    assert len(dictionary) > 20000
    _, erdogan = dictionary.match(["recep", "tayyip", "erdogan"], 0)  # type: ignore[misc]
    assert erdogan.code_on(date(2001, 1, 1)) == "TURELI"
    assert erdogan.code_on(date(2010, 1, 1)) == "TURGOV"
