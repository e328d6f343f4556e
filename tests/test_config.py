import pytest

from dyad.config import Options, load_options
from dyad.errors import DataFileError


def test_config_defaults_file_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("DYAD_MODEL", raising=False)
    assert load_options(tmp_path / "none.toml") == Options()
    config = tmp_path / "dyad.toml"
    config.write_text('[dyad]\nmodel = "en_core_web_md"\nbatch_size = 8\n', encoding="utf-8")
    assert load_options(config).model == "en_core_web_md"
    assert load_options(config).batch_size == 8
    monkeypatch.setenv("DYAD_MODEL", "en_core_web_sm")
    assert load_options(config).model == "en_core_web_sm"  # environment beats the file


def test_config_flags_override_and_none_is_ignored():
    options = Options().with_overrides(model="x", db=None)
    assert options.model == "x" and options.db == "dyad.duckdb"


def test_config_bad_file_names_the_problem(tmp_path):
    config = tmp_path / "dyad.toml"
    config.write_text("[dyad]\ncolour = 'red'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown option 'colour'"):
        load_options(config)
    config.write_text("[dyad\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid TOML"):
        load_options(config)
