from datetime import date

from dyad.errors import InputError
from dyad.read import read_inputs
from dyad.read.jsonl import parse_jsonl
from dyad.read.text import parse_text
from dyad.records import Article

from conftest import FIXTURES


def test_read_text_headline_and_date_line():
    article = parse_text(
        "Chad closes border\n\nMarch 3, 2024\n\nN'DJAMENA – Chad closed ...", "x.txt"
    )
    assert article.title == "Chad closes border"
    assert article.date == date(2024, 3, 3)
    assert article.text.startswith("N'DJAMENA")


def test_read_text_without_headline_keeps_first_line():
    article = parse_text("Police arrested five men on Monday.\nThey were charged.", "x.txt")
    assert article.title is None
    assert article.text.startswith("Police arrested")


def test_read_text_same_content_same_id():
    assert parse_text("A b c.", "x").doc_id == parse_text("A  b c.", "y").doc_id


def test_read_jsonl_bad_line_is_reported_and_others_kept():
    results = list(read_inputs([str(FIXTURES / "bad" / "mixed.jsonl")]))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [a.doc_id for a in articles] == ["ok-1", "ok-2"]
    assert len(errors) == 1
    assert errors[0].where.endswith("mixed.jsonl:2")
    assert "not valid JSON" in errors[0].problem


def test_read_jsonl_fields_and_validation():
    line = '{"id": "x", "date": "2024-05-06", "title": "T", "source": "Wire", "text": "Body."}'
    (article,) = parse_jsonl(line, "f.jsonl")
    assert isinstance(article, Article)
    assert (article.doc_id, article.date, article.publisher) == ("x", date(2024, 5, 6), "Wire")
    (error,) = parse_jsonl('{"id": "y"}', "f.jsonl")
    assert isinstance(error, InputError) and "'text'" in error.problem
    (error,) = parse_jsonl('{"text": "t", "date": "soon"}', "f.jsonl")
    assert isinstance(error, InputError) and "not a date" in error.problem


def test_read_html_extracts_story_and_metadata():
    (article,) = read_inputs([str(FIXTURES / "page.html")])
    assert isinstance(article, Article)
    assert article.title == "Chile and Argentina sign energy accord"
    assert article.date == date(2024, 4, 18)
    assert "link their electricity grids" in article.text
    assert "Subscribe" not in article.text and "Home" not in article.text
    assert not article.text.startswith("Chile and Argentina sign")  # <h1> is the title


def test_read_missing_file_and_directory(tmp_path):
    (missing,) = read_inputs([str(tmp_path / "nope.txt")])
    assert isinstance(missing, InputError) and missing.problem == "no such file"
    (tmp_path / "a.txt").write_text("Headline here\n\nBody text.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Other body.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not news", encoding="utf-8")
    found = list(read_inputs([str(tmp_path)]))
    assert len(found) == 2 and all(isinstance(a, Article) for a in found)


def test_read_empty_directory_is_an_error(tmp_path):
    (error,) = read_inputs([str(tmp_path)])
    assert isinstance(error, InputError) and "no news files" in error.problem
