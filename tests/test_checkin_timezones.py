"""Resolving `/timezone` input: IANA names, cities, aliases, UTC offsets and suggestions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.checkin.errors import CheckinInputError
from bot.checkin.timezones import TimezoneNotFoundError, parse_timezone, suggest_timezones


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Asia/Shanghai", "Asia/Shanghai"),
        (" Europe/Berlin ", "Europe/Berlin"),
        ("asia/shanghai", "Asia/Shanghai"),
        ("America/New York", "America/New_York"),
        ("new york", "America/New_York"),
        ("Berlin", "Europe/Berlin"),
        ("Hong Kong", "Asia/Hong_Kong"),
        ("Beijing", "Asia/Shanghai"),
        ("china", "Asia/Shanghai"),
        ("北京", "Asia/Shanghai"),
        ("UTC", "UTC"),
        ("UTC+8", "Etc/GMT-8"),
        ("utc-5", "Etc/GMT+5"),
        ("GMT +3", "Etc/GMT-3"),
    ],
)
def test_parse_timezone_resolves(name: str, key: str) -> None:
    assert parse_timezone(name) == ZoneInfo(key)


@pytest.mark.parametrize(
    ("name", "suggestions"),
    [
        ("Asia/Shangai", ("Asia/Shanghai",)),
        ("Europe/Berln", ("Europe/Berlin",)),
        ("America/Los Angles", ("America/Los_Angeles",)),
        ("Aukland", ("Pacific/Auckland",)),
        ("Tokio", ("Asia/Tokyo",)),
        ("qwertyuiop", ()),
        ("UTC+5:30", ()),
        ("../../etc/passwd", ()),
    ],
)
def test_parse_timezone_suggests_for_a_wrong_name(name: str, suggestions: tuple[str, ...]) -> None:
    with pytest.raises(TimezoneNotFoundError) as caught:
        parse_timezone(name)

    error = caught.value
    assert error.suggestions == suggestions
    if suggestions:
        assert error.key == "timezone.error.unknown_suggest"
        assert error.params == {"name": name, "suggestions": ", ".join(suggestions)}
    else:
        assert (error.key, error.params) == ("timezone.error.unknown", {"name": name})


def test_parse_timezone_rejects_empty() -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_timezone("  ")

    assert caught.value.key == "timezone.error.empty"


def test_suggestions_are_at_most_three_canonical_names() -> None:
    suggestions = suggest_timezones("America/Santa")

    assert 1 <= len(suggestions) <= 3
    assert all(name.startswith("America/") for name in suggestions)
