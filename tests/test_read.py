from datetime import date

import pytest

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


def read_one(name: str, **options: object) -> list[Article | InputError]:
    from dyad.config import Options

    return list(read_inputs([str(FIXTURES / name)], Options(**options)))  # type: ignore[arg-type]


def test_read_rss_entries_use_full_content_and_drop_scripts():
    first, second = read_one("feed.rss")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.doc_id == "saheldesk-2024-0412" and first.publisher == "Sahel Desk"
    assert first.date == date(2024, 4, 12) and first.url.endswith("niger-expels-ambassador")
    assert "48 hours" in first.text and "Short summary" not in first.text
    assert "track()" not in first.text
    assert first.text.count("\n\n") == 1  # two paragraphs
    assert second.text.startswith("BAMAKO – Mali and Burkina Faso signed")  # from the summary


def test_read_atom_entry():
    (entry,) = read_one("feed.atom")
    assert isinstance(entry, Article)
    assert entry.title == "Bolivian police arrest former army chief"
    assert entry.date == date(2024, 7, 2) and entry.text.startswith("LA PAZ – Bolivian police")


def test_read_warc_html_responses_only_with_crawl_date_fallback():
    dated, undated = read_one("news.warc.gz")
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert dated.url == "https://coastwire.example/ghana-togo-patrols"
    assert dated.date == date(2024, 6, 12) and dated.date_source is None
    assert undated.date == date(2024, 6, 17) and undated.date_source == "crawl"
    assert "Subscribe" not in dated.text


def test_read_gzip_jsonl_and_encodings():
    assert [a.doc_id for a in read_one("articles.jsonl.gz")] == ["fx-1", "fx-2"]
    (utf16,) = read_one("utf16.txt")
    assert isinstance(utf16, Article) and utf16.title == "Senegal recalls envoy"
    (cp1252,) = read_one("cp1252.txt")
    assert isinstance(cp1252, Article) and "Colombia’s “peace council”" in cp1252.text


def test_read_glob_pattern(tmp_path):
    found = list(read_inputs([str(FIXTURES / "feed.*")]))
    assert len(found) == 3
    (error,) = read_inputs([str(tmp_path / "*.rss")])
    assert isinstance(error, InputError) and error.problem == "no files match this pattern"


def test_read_jsonl_field_map():
    from dyad.config import Options
    from dyad.read.jsonl import parse_jsonl

    line = '{"body": "Text here.", "published_at": "2024-01-02", "headline": "H"}'
    options = Options(field_map="text=body,date=published_at,title=headline")
    (article,) = parse_jsonl(line, "f.jsonl", options)
    assert isinstance(article, Article)
    assert (article.text, article.date, article.title) == ("Text here.", date(2024, 1, 2), "H")


@pytest.mark.parametrize(
    ("name", "where", "problem"),
    [
        ("bad/empty.txt", "empty.txt", "file is empty"),
        ("bad/image.txt", "image.txt", "looks like a binary file, not text"),
        ("bad/truncated.jsonl.gz", "truncated.jsonl.gz", "truncated or corrupt gzip"),
        ("bad/page-named.jsonl", "page-named.jsonl", "not JSON Lines"),
        ("bad/not-a-feed.xml", "not-a-feed.xml", "not an RSS or Atom feed"),
        ("bad/not-an-archive.warc", "not-an-archive.warc", "not a WARC file"),
        ("bad/mixed.jsonl", "mixed.jsonl:2", "not valid JSON"),
    ],
)
def test_read_bad_input_is_named_and_explained(name, where, problem):
    errors = [r for r in read_one(name) if isinstance(r, InputError)]
    assert len(errors) == 1
    assert errors[0].where.endswith(where) and errors[0].problem.startswith(problem)


def test_read_truncated_warc_keeps_the_records_before_the_damage():
    first, error = read_one("bad/truncated.warc.gz")
    assert isinstance(first, Article) and first.title.startswith("Ghana and Togo")
    assert isinstance(error, InputError) and error.where.endswith("#record2")
    assert "truncated" in error.problem


def test_read_document_over_the_size_limit():
    (error,) = read_one("wire-story.txt", max_document_bytes=500)
    assert isinstance(error, InputError) and "over the 0.0005 MB limit" in error.problem
    jsonl = read_one("articles.jsonl", max_document_bytes=200)
    assert [type(r).__name__ for r in jsonl] == ["InputError", "Article"]  # per line
