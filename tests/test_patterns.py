import pytest

from dyad.errors import DataFileError
from dyad.events.codebook import load_codebook
from dyad.events.patterns import load_patterns, parse_patterns


def test_patterns_cover_every_cameo_root():
    patterns = load_patterns()
    codebook = load_codebook()
    roots = {codebook[p.code].root for group in patterns.verbs.values() for p in group}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_patterns_specific_refinement_is_indexed_under_each_lemma():
    patterns = load_patterns()
    codes = {p.code for p in patterns.verbs["vow"]}
    assert {"030", "0312", "033"} <= codes
    assert patterns.future["04"] == "036"
    assert "urge" in patterns.object_control


def test_patterns_bad_code_is_an_error_naming_the_pattern():
    with pytest.raises(DataFileError, match=r"verb pattern 1: unknown CAMEO code '999'"):
        parse_patterns('[[verb]]\ncode = "999"\nlemmas = ["meet"]\n')


def test_patterns_bad_shapes_are_errors():
    with pytest.raises(DataFileError, match="needs at least one lemma"):
        parse_patterns('[[verb]]\ncode = "040"\n')
    with pytest.raises(DataFileError, match="must be a list of strings"):
        parse_patterns('[[verb]]\ncode = "040"\nlemmas = "meet"\n')
    with pytest.raises(DataFileError, match="not valid TOML"):
        parse_patterns("[[verb]\n")
