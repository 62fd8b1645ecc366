"""Calendar sliders stay bounded: no overflow at the ends of the calendar, no runaway length."""

from __future__ import annotations

from datetime import date

import pytest

from geo.errors import InputError
from geo.slider import MAX_CALENDAR_DATES, calendar_steps


def test_a_calendar_over_the_whole_date_range_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        calendar_steps(date.min, date.max, "week")
    assert str(caught.value) == (
        "--from 0001-01-01 --to 9999-12-31 by week gives 521,723 dates; at most 10,000: "
        "give a shorter range or a longer --step"
    )


@pytest.mark.parametrize(("step", "expected"), [
    ("day", [date(9999, 12, 29), date(9999, 12, 30), date(9999, 12, 31)]),
    ("week", [date(9999, 12, 20), date(9999, 12, 27)]),
])
def test_steps_up_to_the_last_date_of_the_calendar_do_not_overflow(step, expected) -> None:
    assert calendar_steps(expected[0], date.max, step) == expected


def test_months_up_to_the_last_month_of_the_calendar() -> None:
    assert calendar_steps(date(9999, 10, 31), date.max, "month") == [
        date(9999, 10, 31), date(9999, 11, 30), date(9999, 12, 31)
    ]


def test_the_largest_calendar_allowed() -> None:
    start = date(2000, 1, 1)
    days = calendar_steps(start, date.fromordinal(start.toordinal() + MAX_CALENDAR_DATES - 1),
                          "day")
    assert len(days) == MAX_CALENDAR_DATES
