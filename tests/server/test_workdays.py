"""Working-day arithmetic over the mainland China demo calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

from server.workdays import (
    HolidayCalendar,
    add_working_days,
    due_at,
    load_calendar,
    working_days_between,
    working_days_left,
)

CN = load_calendar("cn")
PLAIN = HolidayCalendar("plain", frozenset(), frozenset())


def test_plain_weeks_skip_weekends():
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 1, PLAIN) == date(2026, 11, 23)  # Monday
    assert add_working_days(friday, 5, PLAIN) == date(2026, 11, 27)
    assert add_working_days(friday, 0, PLAIN) == friday
    assert add_working_days(date(2026, 11, 23), -1, PLAIN) == date(2026, 11, 20)
    assert working_days_between(friday, date(2026, 11, 27), PLAIN) == 5
    assert working_days_between(date(2026, 11, 27), friday, PLAIN) == -5
    assert working_days_between(friday, friday, PLAIN) == 0


def test_calendar_file_has_the_known_days():
    assert date(2026, 10, 1) in CN.holidays
    assert date(2026, 10, 10) in CN.workdays  # a Saturday make-up day
    assert not CN.is_working_day(date(2026, 10, 5))  # Monday inside Golden Week
    assert CN.is_working_day(date(2026, 10, 10))
    assert CN.is_working_day(date(2026, 9, 20))  # Sunday make-up day
    assert not CN.is_working_day(date(2026, 2, 17))  # Spring Festival
    for year in (2025, 2026, 2027):
        assert date(year, 10, 1) in CN.holidays
        assert date(year, 5, 1) in CN.holidays


def test_request_right_before_national_day_2026():
    # Wednesday 30 Sep 2026; 1-7 Oct off; Sat 10 Oct is a make-up working day.
    received = date(2026, 9, 30)
    assert add_working_days(received, 1, CN) == date(2026, 10, 8)
    assert add_working_days(received, 3, CN) == date(2026, 10, 10)
    assert add_working_days(received, 15, CN) == date(2026, 10, 27)
    # the same days without the calendar would end 21 Oct
    assert add_working_days(received, 15, PLAIN) == date(2026, 10, 21)
    assert working_days_between(received, date(2026, 10, 27), CN) == 15


def test_spring_festival_2026_with_make_up_saturdays():
    received = date(2026, 2, 12)  # Thursday
    # 13 Fri, 14 Sat (make-up), then 15-23 off, 24.. working, 28 Sat make-up
    assert add_working_days(received, 1, CN) == date(2026, 2, 13)
    assert add_working_days(received, 2, CN) == date(2026, 2, 14)
    assert add_working_days(received, 3, CN) == date(2026, 2, 24)
    assert add_working_days(received, 7, CN) == date(2026, 2, 28)
    assert add_working_days(received, 8, CN) == date(2026, 3, 2)


def test_due_at_is_end_of_local_day_in_utc():
    # 20:00 UTC on 29 Sep is already 04:00 on 30 Sep in Shanghai
    received = datetime(2026, 9, 29, 20, 0, tzinfo=UTC)
    assert due_at(received, 15, CN) == datetime(2026, 10, 27, 15, 59, 59, tzinfo=UTC)
    received_earlier = datetime(2026, 9, 29, 10, 0, tzinfo=UTC)  # 18:00 local, 29 Sep
    assert due_at(received_earlier, 15, CN) == datetime(2026, 10, 26, 15, 59, 59, tzinfo=UTC)


def test_working_days_left_goes_negative_when_overdue():
    due = datetime(2026, 10, 27, 15, 59, 59, tzinfo=UTC)
    assert working_days_left(datetime(2026, 10, 26, 3, tzinfo=UTC), due, CN) == 1
    assert working_days_left(datetime(2026, 10, 27, 3, tzinfo=UTC), due, CN) == 0
    assert working_days_left(datetime(2026, 10, 27, 16, 30, tzinfo=UTC), due, CN) == -1
    assert working_days_left(datetime(2026, 10, 30, 3, tzinfo=UTC), due, CN) == -3
