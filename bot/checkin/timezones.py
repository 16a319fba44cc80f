"""Resolving what a user types after `/timezone` to an IANA zone, with suggestions when wrong."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process

from bot.checkin.errors import CheckinInputError


class TimezoneNotFoundError(CheckinInputError):
    """A timezone name we could not resolve, with the closest IANA names to offer instead."""

    def __init__(self, name: str, suggestions: tuple[str, ...]) -> None:
        if suggestions:
            super().__init__(
                "timezone.error.unknown_suggest", name=name, suggestions=", ".join(suggestions)
            )
        else:
            super().__init__("timezone.error.unknown", name=name)
        self.suggestions = suggestions


# Names people type that are not IANA names; city names that are IANA cities resolve by themselves.
_TIMEZONE_ALIASES = {
    "beijing": "Asia/Shanghai",
    "peking": "Asia/Shanghai",
    "china": "Asia/Shanghai",
    "北京": "Asia/Shanghai",
    "中国": "Asia/Shanghai",
    "上海": "Asia/Shanghai",
    "北京时间": "Asia/Shanghai",
    "深圳": "Asia/Shanghai",
    "广州": "Asia/Shanghai",
    "香港": "Asia/Hong_Kong",
    "台北": "Asia/Taipei",
    "東京": "Asia/Tokyo",
    "东京": "Asia/Tokyo",
    "新加坡": "Asia/Singapore",
    "伦敦": "Europe/London",
    "柏林": "Europe/Berlin",
    "巴黎": "Europe/Paris",
    "纽约": "America/New_York",
    "洛杉矶": "America/Los_Angeles",
    "悉尼": "Australia/Sydney",
    "india": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "nyc": "America/New_York",
    "sanfrancisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "washington": "America/New_York",
    "boston": "America/New_York",
}
# The areas of current, canonical zone names; only these are offered as suggestions.
_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
_UTC_OFFSET = re.compile(r"(?:utc|gmt)?([+-])(\d{1,2})(?::?00)?")


def parse_timezone(name: str) -> ZoneInfo:
    """Resolve what the user typed to a zone: `Asia/Shanghai`, `asia/shanghai`, `New York`,
    `Beijing`, `北京`, `UTC+8`. Raises `TimezoneNotFoundError` with up to three suggestions.
    """
    name = name.strip()
    if not name:
        raise CheckinInputError("timezone.error.empty")
    key = _resolve_timezone(name)
    if key is None:
        raise TimezoneNotFoundError(name, suggest_timezones(name))
    return ZoneInfo(key)


def _resolve_timezone(name: str) -> str | None:
    if name in _timezone_names():
        return name
    folded = _fold(name)
    if folded in _TIMEZONE_ALIASES:
        return _TIMEZONE_ALIASES[folded]
    # Cities before old-style names, so `Hong Kong` is `Asia/Hong_Kong`, not `Hongkong`.
    if folded in _unique_cities():
        return _unique_cities()[folded]
    if folded in _folded_names():
        return _folded_names()[folded]
    return _offset_zone(name)


def _offset_zone(name: str) -> str | None:
    """`UTC+8` is `Etc/GMT-8`: the POSIX names count the other way round."""
    match = _UTC_OFFSET.fullmatch(re.sub(r"\s+", "", name.casefold()))
    if match is None:
        return None
    sign = "-" if match[1] == "+" else "+"
    hours = int(match[2])
    key = "Etc/GMT" if hours == 0 else f"Etc/GMT{sign}{hours}"
    return key if key in _timezone_names() else None


def suggest_timezones(name: str, limit: int = 3) -> tuple[str, ...]:
    """The canonical zone names closest to `name`, by its whole text or by the city alone."""
    folded = _fold(name)
    if not folded:
        return ()
    scores: dict[str, float] = {}
    for choices in (_canonical_by_fold(), _canonical_by_city()):
        for _, score, key in process.extract(
            folded, choices, scorer=fuzz.QRatio, limit=limit, score_cutoff=70
        ):
            scores[key] = max(score, scores.get(key, 0.0))
    if not scores:
        return ()
    # Offer only the near-best: one clear match should not come with two poor ones.
    best = max(scores.values())
    ranked = sorted(scores, key=lambda key: (-scores[key], key))
    return tuple(key for key in ranked[:limit] if scores[key] >= best - 10)


def _fold(name: str) -> str:
    """Compare names without case, spaces, underscores or hyphens: `new york` is `New_York`."""
    return re.sub(r"[\s_\-]+", "", name.casefold())


@cache
def _timezone_names() -> frozenset[str]:
    return frozenset(available_timezones() - {"localtime", "Factory"})


@cache
def _folded_names() -> dict[str, str]:
    return {_fold(key): key for key in _timezone_names()}


@cache
def _unique_cities() -> dict[str, str]:
    """`berlin` -> `Europe/Berlin`, for canonical cities whose name no other zone shares."""
    seen: dict[str, list[str]] = {}
    for key in sorted(_timezone_names()):
        if key.split("/")[0] in _AREAS:
            seen.setdefault(_fold(key.rsplit("/", 1)[-1]), []).append(key)
    return {city: keys[0] for city, keys in seen.items() if len(keys) == 1}


@cache
def _canonical_by_fold() -> dict[str, str]:
    return {key: _fold(key) for key in _timezone_names() if key.split("/")[0] in _AREAS}


@cache
def _canonical_by_city() -> dict[str, str]:
    return {key: _fold(key.rsplit("/", 1)[-1]) for key in _canonical_by_fold()}


def is_timezone_name(name: str) -> bool:
    """Whether `name` is exactly an IANA zone name this system knows."""
    return name in _timezone_names()
