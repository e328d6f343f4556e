import pytest

from dyad.events.patterns import parse_patterns
from dyad.events.petrarch import import_petrarch

from conftest import FIXTURES, SHARED, run_dyad

pytestmark = pytest.mark.model  # imports read the codebook only; CLI runs load the model


def test_petrarch_blocks_synsets_and_prepositions():
    imported = import_petrarch((FIXTURES / "petrarch-verbs.txt").read_text(), "verbs.txt")
    by_code = {p["code"]: p for p in imported.patterns}
    assert by_code["070"] == {"code": "070", "lemmas": ["airlift", "ship"]}  # block default
    assert by_code["073"]["objects"] == ["food", "medicine", "tents"]  # synonym set expanded
    assert by_code["072"] == {"code": "072", "lemmas": ["airlift", "ship"], "objects": ["weapons"],
                              "preps": ["to"]}  # fmt: skip
    assert by_code["061"]["objects"] == ["spare parts"]  # 0611 is not in the codebook: parent
    assert by_code["111"]["preps"] == ["about"]
    assert imported.skipped == {"words before the verb": 1}


def test_petrarch_import_round_trips_through_the_pattern_loader(tmp_path):
    out = tmp_path / "imported.toml"
    result = run_dyad(
        "patterns", "import-petrarch", str(FIXTURES / "petrarch-verbs.txt"), "-o", str(out)
    )
    assert result.returncode == 0 and "wrote 5 patterns" in result.stdout
    patterns = parse_patterns(out.read_text(encoding="utf-8"))
    assert {p.code for p in patterns.verbs["ship"]} == {"070", "073", "072", "061"}
    coded = run_dyad("code", "-", "--patterns", str(out),
                     stdin="Kenya shipped food and medicine to Somalia on Monday.\n")  # fmt: skip
    assert '"cameo": "073"' in coded.stdout and '"target": {"text": "Somalia"' in coded.stdout


@pytest.mark.skipif(not (SHARED / "data" / "phoenix" / "CAMEO.2.0.txt").exists(),
                    reason="../shared is not present")  # fmt: skip
def test_petrarch_imports_the_real_cameo_dictionary():
    from dyad.actors.dictionary import decode_lines

    text = decode_lines((SHARED / "data" / "phoenix" / "CAMEO.2.0.txt").read_bytes())
    imported = import_petrarch(text, "CAMEO.2.0.txt")
    assert len(imported.patterns) > 4000
    parse_patterns(imported.to_toml("CAMEO.2.0.txt"))
