"""Dates: parsing date strings, and resolving an event's date in its sentence
relative to the article's publication date.

A sentence's first date expression that is not background ("since 2010")
decides. Weekdays and month names look backwards from publication, or forwards
when the event is in the future tense. With no expression the event inherits
the publication date (flagged); with no publication date it has none.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DIGIT = re.compile(r"\d")
_DATE_FORMATS = [
    re.compile(r"(?P<year>\d{4})[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})\b"),
    # 27/10/2022 or 10/27/2022: taken only where the order is plain (a part over 12).
    re.compile(r"\b(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),
]


def parse_date(text: str) -> date | None:
    """A date from an ISO string, an ISO timestamp, or 'Oct 27, 2022' / '27 October 2022'."""
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text) or pattern.search(text)
        if match and (found := _build(match)):
            return found
    return None


def find_dates(text: str) -> list[date]:
    """Every full date (with a year) written in `text`, in order."""
    found = []
    for pattern in _DATE_FORMATS:
        for match in pattern.finditer(text):
            if (value := _build(match)) is not None:
                found.append((match.start(), value))
    return [value for _, value in sorted(found)]


def _build(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if (first > 12) == (second > 12):
            return None  # 3/4/2022: the third of April or the fourth of March
        day, month = (first, second) if first > 12 else (second, first)
    else:
        day = int(groups["day"])
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
    try:
        return date(int(groups["year"]), month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class EventDate:
    value: date | None
    precision: str | None
    inherited: bool


# Date precisions, finest first.
PRECISIONS = ("day", "week", "month", "year")


def period_start(value: date, precision: str | None) -> date:
    """The first day of the period a date falls in: its week (from Monday),
    month or year; the day itself for day precision."""
    if precision == "year":
        return date(value.year, 1, 1)
    if precision == "month":
        return value.replace(day=1)
    if precision == "week":
        return value - timedelta(days=value.weekday())
    return value


def coarser(*precisions: str | None) -> str:
    """The coarsest of some precisions (None counts as day)."""
    return max((p or "day" for p in precisions), key=PRECISIONS.index)


def parse_printed(text: str | None) -> date | None:
    """A date as records print it, to its precision ("2022", "2022-08",
    "2022-08-14"): the first day of its period."""
    if not text:
        return None
    year, month, day = ([int(p) for p in text.split("-")] + [1, 1])[:3]
    return date(year, month, day)


def period_end(when: EventDate) -> date:
    """The last day of the period a date stands for: its week, month or year."""
    assert when.value is not None
    value = when.value
    if when.precision == "year":
        return date(value.year, 12, 31)
    if when.precision == "month":
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    if when.precision == "week":
        return value + timedelta(days=6)
    return value


_CAPITAL_MONTHS = "|".join(
    sorted([*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"], key=len, reverse=True)
)
_RELATIVE = re.compile(
    # Each alternative begins with a word character: said so, the regex skips
    # most positions faster than with a bare \b (1.7x on news sentences).
    r"(?<!\w)(?=\w)(?:"
    r"(?P<today>today|tonight|this (?:morning|afternoon|evening)|(?:later|earlier) in the day)"
    r"|(?P<yesterday>yesterday)|(?P<tomorrow>tomorrow)"
    r"|last (?P<lastweekday>(?-i:" + "|".join(calendar.day_name) + r"))"
    r"|next (?P<nextweekday>(?-i:" + "|".join(calendar.day_name) + r"))"
    r"|(?P<lastweek>last week)|(?P<thisweek>(?:earlier |later )?this week)|(?P<nextweek>next week)"
    r"|(?P<weekday>(?-i:" + "|".join(calendar.day_name) + r"))"
    # "on Oct. 3", "3 October": a day of a month, the year left to publication.
    r"|(?P<monthday>(?-i:" + _CAPITAL_MONTHS + r")\.? (?P<mday>[0-3]?\d)(?:st|nd|rd|th)?)"
    r"|(?P<daymonth>(?P<dday>[0-3]?\d)(?:st|nd|rd|th)? (?P<dmonth>(?-i:" + _CAPITAL_MONTHS + r")))"
    r"|(?P<thismonth>(?:earlier |later )?this month)|(?P<lastmonth>last month)"
    r"|(?P<nextmonth>next month)"
    r"|(?P<lastyear>last year)|(?P<thisyear>(?:earlier |later )?this year)|(?P<nextyear>next year)"
    # Month and weekday names only capitalised: "may" and "march" are verbs.
    r"|(?:(?P<monthdirection>last|next) |in )?"
    r"(?P<monthname>(?-i:" + "|".join(calendar.month_name[1:]) + r"))"
    r"|in (?P<yearonly>(?:19|20)\d\d)"
    r"|in the (?P<decadepart>early |mid-?|late )?(?P<decade>(?:19|20)\d0)s"
    r")\b",
    re.I,
)
_BACKGROUND = re.compile(r"\b(?:since|until|before)\s+$", re.I)


def resolve_event_date(sentence: str, published: date | None, future: bool) -> EventDate:
    """The event's date from its sentence, relative to `published`."""
    candidates: list[tuple[int, int, EventDate | re.Match[str]]] = []
    # Every full date has digits; most sentences have none (a quick test).
    for pattern in _DATE_FORMATS if _DIGIT.search(sentence) else ():
        for match in pattern.finditer(sentence):
            if (value := _build(match)) is not None:
                candidates.append((match.start(), match.end(), EventDate(value, "day", False)))
    explicit = [(s, e) for s, e, _ in candidates]
    for match in _RELATIVE.finditer(sentence):
        if not any(s <= match.start() < e for s, e in explicit):
            candidates.append((match.start(), match.end(), match))
    for start, _, found in sorted(candidates, key=lambda c: c[0]):
        if _BACKGROUND.search(sentence[:start]):
            continue  # background: "since 2010" is not when this event happened
        if isinstance(found, EventDate):
            return found
        if published is None:
            return EventDate(None, None, False)
        if (resolved := _relative(found, published, future)) is not None:
            return resolved
    if published is None:
        return EventDate(None, None, False)
    return EventDate(published, "day", True)


def _day_of_month(published: date, month: int, day: int, future: bool) -> EventDate | None:
    """The latest such day on or before publication, or the next one for the future."""
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        if (value >= published) if future else (value <= published):
            return EventDate(value, "day", False)
    return None


def _relative(match: re.Match[str], published: date, future: bool) -> EventDate | None:
    kind = match.lastgroup
    if kind == "today":
        return EventDate(published, "day", False)
    if kind == "yesterday":
        return EventDate(published - timedelta(days=1), "day", False)
    if kind == "tomorrow":
        return EventDate(published + timedelta(days=1), "day", False)
    if kind == "lastweekday":
        # "last Thursday": the one before publication, a week back on a Thursday.
        target = WEEKDAYS[match.group("lastweekday").lower()]
        back = (published.weekday() - target) % 7 or 7
        return EventDate(published - timedelta(days=back), "day", False)
    if kind == "nextweekday":
        target = WEEKDAYS[match.group("nextweekday").lower()]
        ahead = (target - published.weekday()) % 7 or 7
        return EventDate(published + timedelta(days=ahead), "day", False)
    if kind in {"lastweek", "thisweek", "nextweek"}:
        # A week is dated by its Monday.
        monday = published - timedelta(days=published.weekday())
        shift = {"lastweek": -7, "thisweek": 0, "nextweek": 7}[kind]
        return EventDate(monday + timedelta(days=shift), "week", False)
    if kind in {"monthday", "daymonth"}:
        month_name = match.group("monthday") or match.group("dmonth")
        month = MONTHS[month_name.split()[0].rstrip(".").lower()]
        day = int(match.group("mday") or match.group("dday"))
        return _day_of_month(published, month, day, future)
    if kind == "weekday":
        target = WEEKDAYS[match.group("weekday").lower()]
        if future:
            return EventDate(
                published + timedelta(days=(target - published.weekday()) % 7), "day", False
            )
        return EventDate(
            published - timedelta(days=(published.weekday() - target) % 7), "day", False
        )
    if kind == "thismonth":
        return EventDate(published.replace(day=1), "month", False)
    if kind == "lastmonth":
        first = published.replace(day=1) - timedelta(days=1)
        return EventDate(first.replace(day=1), "month", False)
    if kind == "nextmonth":
        following = published.replace(day=28) + timedelta(days=4)
        return EventDate(following.replace(day=1), "month", False)
    if kind == "nextyear":
        return EventDate(date(published.year + 1, 1, 1), "year", False)
    if kind == "thisyear":
        return EventDate(date(published.year, 1, 1), "year", False)
    if kind == "lastyear":
        return EventDate(date(published.year - 1, 1, 1), "year", False)
    if kind == "monthname":
        month = MONTHS[match.group("monthname").lower()]
        direction = match.group("monthdirection")
        if direction:
            future = direction == "next"
        year = published.year
        if future and month < published.month:
            year += 1
        elif not future and month > published.month:
            year -= 1
        return EventDate(date(year, month, 1), "month", False)
    if kind == "decade":
        # "in the late 1990s": a year inside the decade, enough to tell background.
        offset = {"early": 2, "late": 7}.get((match.group("decadepart") or "").strip(), 5)
        return EventDate(date(int(match.group("decade")) + offset, 1, 1), "year", False)
    if kind == "yearonly":
        return EventDate(date(int(match.group("yearonly")), 1, 1), "year", False)
    return None
