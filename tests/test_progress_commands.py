"""Arguments of /merge, /rename and /target: table-driven, no Telegram."""

from __future__ import annotations

from datetime import date

import pytest

from bot.progress.commands import (
    TargetRequest,
    clean_title,
    command_argument,
    parse_target,
    split_pair,
)

TODAY = date(2023, 5, 10)


@pytest.mark.parametrize(
    ("text", "argument"),
    [
        ("/merge A | B", "A | B"),
        ("/merge@daylog_bot  A | B ", "A | B"),
        ("/progress", ""),
        ("/progress   ", ""),
        ("/progress 深入 剖析", "深入 剖析"),
    ],
)
def test_command_argument(text: str, argument: str) -> None:
    assert command_argument(text) == argument


@pytest.mark.parametrize(
    ("argument", "pair"),
    [
        ("Dnue | Dune", ("Dnue", "Dune")),
        ("深入剖析 Kuberntes｜深入剖析 Kubernetes", ("深入剖析 Kuberntes", "深入剖析 Kubernetes")),
        ("a & b|<c>", ("a & b", "<c>")),
        ("Dune", None),
        ("Dune |", None),
        ("| Dune", None),
        ("a | b | c", None),
        ("", None),
    ],
)
def test_split_pair(argument: str, pair: tuple[str, str] | None) -> None:
    assert split_pair(argument) == pair


@pytest.mark.parametrize(
    ("raw", "title"),
    [("《沙丘》", "沙丘"), ("「懂你英语」", "懂你英语"), ("  Dune   Messiah ", "Dune Messiah")],
)
def test_clean_title(raw: str, title: str) -> None:
    assert clean_title(raw) == title


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("Dune 2023-06-01", TargetRequest("Dune", date(2023, 6, 1))),
        ("The Great Gatsby 2023/6/1", TargetRequest("The Great Gatsby", date(2023, 6, 1))),
        ("沙丘 2024年1月2日", TargetRequest("沙丘", date(2024, 1, 2))),
        ("沙丘 6月1日", TargetRequest("沙丘", date(2023, 6, 1))),
        ("沙丘 5月9日", TargetRequest("沙丘", date(2024, 5, 9))),  # already passed this year
        ("Dune 5-10", TargetRequest("Dune", date(2023, 5, 10))),  # today is allowed
        ("Dune none", TargetRequest("Dune", None)),
        ("Dune 取消", TargetRequest("Dune", None)),
        ("Dune", "usage"),
        ("", "usage"),
        ("Dune someday", "bad_date"),
        ("Dune 2023-02-30", "bad_date"),
        ("Dune 2023-05-09", "past"),
    ],
)
def test_parse_target(argument: str, expected: TargetRequest | str) -> None:
    assert parse_target(argument, TODAY) == expected
