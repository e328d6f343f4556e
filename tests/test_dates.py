from datetime import date

import pytest

from dyad.dates import find_dates, parse_date, resolve_event_date

PUBLISHED = date(2022, 10, 27)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", date(2024, 3, 12)),
        ("2024-03-12T09:30:00Z", date(2024, 3, 12)),
        ("March 12, 2024", date(2024, 3, 12)),
        ("Oct 27, 2022", date(2022, 10, 27)),
        ("27 October 2022", date(2022, 10, 27)),
        ("not a date", None),
        ("2024-02-30", None),
    ],
)
def test_dates_parse(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("sentence", "future", "value", "precision", "inherited"),
    [
        ("They met on Thursday.", False, date(2022, 10, 27), "day", False),
        ("They met on Monday.", False, date(2022, 10, 24), "day", False),
        ("They will meet on Monday.", True, date(2022, 10, 31), "day", False),
        ("He will meet the president later in the day.", True, PUBLISHED, "day", False),
        ("Troops withdrew yesterday.", False, date(2022, 10, 26), "day", False),
        ("They reappointed ambassadors in August.", False, date(2022, 8, 1), "month", False),
        ("They will hold elections in March.", True, date(2023, 3, 1), "month", False),
        ("The deal was signed on 3 May 2021.", False, date(2021, 5, 3), "day", False),
        ("Relations froze last year.", False, date(2021, 1, 1), "year", False),
        ("It was the first meeting since 2010.", False, PUBLISHED, "day", True),
        ("Pakistan may impose curbs.", False, PUBLISHED, "day", True),
        ("In the late 1990s fighters crossed the border.", False, date(1997, 1, 1), "year", False),
        ("They met last Thursday.", False, date(2022, 10, 20), "day", False),
        ("Troops withdrew on Oct. 3.", False, date(2022, 10, 3), "day", False),
        ("They met on 3 October.", False, date(2022, 10, 3), "day", False),
        ("It happened on Dec. 30.", False, date(2021, 12, 30), "day", False),
        ("They will vote on January 5.", True, date(2023, 1, 5), "day", False),
        ("The army ruled in the 1980s.", False, date(1985, 1, 1), "year", False),
        ("Police detained him today.", False, PUBLISHED, "day", False),
        ("Rebels will free hostages tomorrow.", True, date(2022, 10, 28), "day", False),
        ("Envoys met earlier this month.", False, date(2022, 10, 1), "month", False),
        ("Troops pulled back last month.", False, date(2022, 9, 1), "month", False),
        ("Leaders will meet next month.", True, date(2022, 11, 1), "month", False),
        # A week is dated by its Monday, with precision "week".
        ("Ministers met last week.", False, date(2022, 10, 17), "week", False),
        ("Ministers met earlier this week.", False, date(2022, 10, 24), "week", False),
        ("Ministers will meet next week.", True, date(2022, 10, 31), "week", False),
        ("They will vote next Thursday.", True, date(2022, 11, 3), "day", False),
        ("Talks resumed last August.", False, date(2022, 8, 1), "month", False),
        ("Talks will resume next March.", False, date(2023, 3, 1), "month", False),
        ("Fighting broke out in November.", False, date(2021, 11, 1), "month", False),
        ("The ceasefire began on 2022-10-03.", False, date(2022, 10, 3), "day", False),
        ("The ceasefire began on 2022/10/03.", False, date(2022, 10, 3), "day", False),
        ("The ceasefire began on 25/10/2022.", False, date(2022, 10, 25), "day", False),
        ("The ceasefire began on 10/25/2022.", False, date(2022, 10, 25), "day", False),
        # Day and month could be either way round: not a date.
        ("The ceasefire began on 3/4/2022.", False, PUBLISHED, "day", True),
        (
            "Rebels, active since 2010, attacked a base on Tuesday.",
            False,
            date(2022, 10, 25),
            "day",
            False,
        ),
    ],
)
def test_dates_resolve_relative_to_publication(sentence, future, value, precision, inherited):
    found = resolve_event_date(sentence, PUBLISHED, future)
    assert (found.value, found.precision, found.inherited) == (value, precision, inherited)


def test_dates_no_publication_date_means_no_date():
    found = resolve_event_date("They met on Thursday.", None, False)
    assert found.value is None and found.precision is None
    assert resolve_event_date("Signed on 3 May 2021.", None, False).value == date(2021, 5, 3)


def test_dates_find_all_full_dates_in_order():
    assert find_dates("released on Oct 27, 2022 and 2022-10-01") == [
        date(2022, 10, 27),
        date(2022, 10, 1),
    ]
