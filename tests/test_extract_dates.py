"""Date expressions resolved against the publication date (geo.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.dates import find_dates

FRIDAY = date(2017, 3, 3)  # Friday 3 March 2017


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("The army said on Thursday it had taken the town.", FRIDAY, [("2017-03-02", "day")]),
    ("The army said on Thursday it had taken the town.", date(2017, 3, 2),
     [("2017-03-02", "day")]),
    ("Rebels said last Friday they had won.", FRIDAY, [("2017-02-24", "day")]),
    ("Rebels seized it on Feb. 23.", FRIDAY, [("2017-02-23", "day")]),
    ("It fell on 17 August.", FRIDAY, [("2016-08-17", "day")]),
    ("It fell on August 21, 2015.", FRIDAY, [("2015-08-21", "day")]),
    ("Published 2017-09-05.", FRIDAY, [("2017-09-05", "day")]),
    ("It was taken yesterday.", FRIDAY, [("2017-03-02", "day")]),
    ("Troops entered this morning.", FRIDAY, [("2017-03-03", "day")]),
    ("They left over the weekend.", date(2016, 12, 12), [("2016-12-11", "week")]),
    ("They left last week.", date(2017, 11, 13), [("2017-11-09", "week")]),
    ("IS first seized it in May 2015.", FRIDAY, [("2015-05-15", "month")]),
    ("They were driven out in March 2016 but came back last December.", FRIDAY,
     [("2016-03-15", "month"), ("2016-12-15", "month")]),
    ("The alliance seized it in August.", FRIDAY, [("2016-08-15", "month")]),
    ("The alliance seized it in March.", FRIDAY, [("2017-03-03", "month")]),
    ("It was lost last March.", FRIDAY, [("2016-03-15", "month")]),
    ("It was lost earlier this month.", date(2017, 3, 20), [("2017-03-11", "month")]),
    ("It was lost last month.", FRIDAY, [("2017-02-15", "month")]),
    ("The SDF captured it last year.", FRIDAY, [("2016-07-01", "year")]),
    ("It was taken in 2014.", FRIDAY, [("2014-07-01", "year")]),
    ("It happened three days ago.", FRIDAY, [("2017-02-28", "day")]),
    ("Losses mounted since mid-January 2016.", FRIDAY, [("2016-01-15", "month")]),
    ("The May offensive and the march on the city.", FRIDAY, []),
])
def test_resolved_dates(sentence: str, published: date,
                        expected: list[tuple[str, str]]) -> None:
    found = find_dates(sentence, published)
    assert [(d.date.isoformat(), d.precision) for d in found] == expected


def test_since_marks_a_period() -> None:
    (ref,) = find_dates("The town has been besieged since 2015.", FRIDAY)
    assert ref.since is True
    assert (ref.text, ref.date, ref.precision) == ("2015", date(2015, 7, 1), "year")


def test_without_publication_only_dates_with_a_year() -> None:
    found = find_dates("Taken on Thursday, 12 March 2016, and again in May.", None)
    assert [(d.text, d.date.isoformat(), d.relative) for d in found] == [
        ("12 March 2016", "2016-03-12", False)]


def test_offsets_point_into_the_sentence() -> None:
    sentence = "Rebels took the town on Sunday."
    (ref,) = find_dates(sentence, FRIDAY)
    assert sentence[ref.start : ref.end] == "Sunday"
    assert ref.relative is True
