"""Cleaning: keep the story, drop what is not, and say why.

Every paragraph that reaches the coder can become an event, so link
boilerplate, photo captions, credits and bylines are removed, repeated
paragraphs are kept once, and the dateline ("ANKARA –") is taken off the
first paragraph and kept as location evidence. When the source gave no
publication date, a dated dateline or a full date in a removed caption or
credit is used. The language is identified, so non-English articles can be
skipped with a reason.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from datetime import date

from dyad.dates import find_dates, parse_date
from dyad.language import detect_language
from dyad.records import Article, CleanArticle, Removed

# Paragraphs that start like this are links, prompts or credits, never story text.
_BOILERPLATE = re.compile(
    r"^\s*(?:"
    r"also read|read more|read also|see also|related(?: stories| articles| news)?\s*:|more on this"
    r"|click here|tap here|subscribe\b|sign up\b|share (?:this|on)\b|follow us\b|advertisement\s*$"
    r"|(?:\(\s*)?(?:reporting|writing|editing|additional reporting) by\b"
    r"|editor'?s note|copyright\b|©|all rights reserved"
    r")",
    re.I,
)
_CAPTION = re.compile(
    r"^\s*(?:(?:this|a|the)\s+(?:handout\s+|file\s+)?(?:photo|picture|image|photograph)\b"
    r"|(?:file\s+)?(?:photo|picture|image)\s*(?:credit)?\s*:)",
    re.I,
)
# A credit in parentheses at the end of a paragraph: "(PRESS OFFICE / AFP)".
_CREDIT = re.compile(r"\([^()]{0,120}/\s*[A-Z][\w .&-]{1,40}\)\s*$")
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*[,|]\s*[\w .]+)?\s*$")
# "ANKARA –", "NEW DELHI, March 3 (PTI) -", "LAGOS (Reuters) —": an upper-case place,
# an optional date and agency, then a dash.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_.'’ -]*(?:[ .'’-]+[^\W\d_]+)*\.?)"
    r"(?:,\s+(?P<region>[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)?))?"
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?))?"
    r"(?:\s+\([^)]{1,40}\))?\s*[–—-]{1,2}\s+"
)
# A paragraph is a repeat when this share of its word pairs is in an earlier one.
_REPEAT_CONTAINMENT = 0.6
_REPEAT_MIN_WORDS = 6
_POSTINGS = 32


def clean_article(article: Article) -> CleanArticle:
    removed: list[Removed] = []
    kept: list[str] = []
    earlier = _Repeats()
    for paragraph in split_paragraphs(article.text):
        reason = boilerplate_reason(paragraph)
        if not reason and not any(character.isalpha() for character in paragraph):
            # "12 34 -- 56", "***": nothing a coder can read, and it would pass the
            # language check (too short or too odd to be called anything but English).
            reason = "no words, only numbers and punctuation"
        if reason:
            removed.append(Removed(paragraph, reason))
            continue
        if earlier.repeats(_shingles(paragraph)):
            removed.append(Removed(paragraph, "repeated paragraph"))
            continue
        kept.append(paragraph)
    dateline = dateline_date = None
    if kept:
        match = _DATELINE.match(kept[0])
        # The place is in capitals ("BOGOTÁ", "NEW DELHI"): "Officials – who ..." is no dateline.
        if match and match.group("place").isupper() and len(match.group("place")) > 1:
            dateline = _title_case(match.group("place"))
            if match.group("region"):
                dateline += f", {match.group('region')}"  # "PARIS, Texas"
            # Only a dateline date with its year is a date: "March 3" alone is not.
            dateline_date = parse_date(match.group("date") or "")
            kept[0] = kept[0][match.end() :]
    published, source = _publication_date(article, dateline_date, removed)
    return CleanArticle(
        article=article,
        paragraphs=tuple(kept),
        date=published,
        dateline=dateline,
        removed=tuple(removed),
        date_source=source,
        language=detect_language(" ".join([article.title or "", *kept])),
    )


def _publication_date(
    article: Article, dateline_date: date | None, removed: list[Removed]
) -> tuple[date | None, str | None]:
    """The publication date and where it came from: the source's metadata, the
    dateline, a date in a removed caption or credit, or nothing (never today)."""
    if article.date is not None:
        return article.date, article.date_source or "metadata"
    if dateline_date is not None:
        return dateline_date, "dateline"
    for piece in removed:
        if piece.reason == "photo caption or credit":
            found = find_dates(piece.text)
            if found:
                return found[0], "caption"
    return None, None


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; text with none is split by lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) == 1:
        blocks = text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def boilerplate_reason(paragraph: str) -> str | None:
    if _BOILERPLATE.match(paragraph):
        return "link or prompt boilerplate"
    if _CAPTION.match(paragraph) or _CREDIT.search(paragraph):
        return "photo caption or credit"
    if _BYLINE.match(paragraph):
        return "byline"
    return None


def _shingles(paragraph: str) -> set[tuple[str, ...]]:
    """Word pairs: robust to the small edits of a re-sent paragraph ("said" ->
    "told reporters", a title added), unlike exact matching. Short paragraphs
    get none, so two one-liners are never taken for repeats."""
    words = re.findall(r"\w+", paragraph.lower())
    if len(words) < _REPEAT_MIN_WORDS:
        return set()
    return {tuple(words[i : i + 2]) for i in range(len(words) - 1)}


class _Repeats:
    """The kept paragraphs' word pairs, indexed by pair. Comparing each paragraph
    with every earlier one took time quadratic in their number: a 5 MB document
    of short paragraphs took hours. A paragraph is now compared only with those
    sharing a pair with it, found in the index, and each pair remembers its
    _POSTINGS latest paragraphs (a real article never has one pair in more), so
    the work per paragraph is bounded."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.index: dict[tuple[str, ...], deque[int]] = {}

    def repeats(self, shingles: set[tuple[str, ...]]) -> bool:
        """Whether the paragraph repeats a kept one (a share of the smaller one's
        pairs in the other); if not, it is kept and remembered."""
        index = self.index
        if shingles:
            shared = Counter(n for shingle in shingles for n in index.get(shingle, ()))
            for number, count in shared.items():
                if count / min(len(shingles), self.sizes[number]) >= _REPEAT_CONTAINMENT:
                    return True
        number = len(self.sizes)
        self.sizes.append(len(shingles))
        for shingle in shingles:
            postings = index.get(shingle)
            if postings is None:
                postings = index[shingle] = deque(maxlen=_POSTINGS)
            postings.append(number)
        return False


def _title_case(place: str) -> str:
    return " ".join(w.title() if w.isupper() else w for w in place.split())
