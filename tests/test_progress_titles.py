"""Item titles: normalised keys, display titles, joining near-identical names, typed lookup."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from bot.progress.titles import display_title, find_item, match_item, normalise_title, title_key
from tests.growth import growth

LABELS = Path(__file__).parent / "data" / "progress_labels.jsonl"

TLPI = "linux/unix系统编程手册(上册)"
GO = "go程序设计语言(英文版)"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "[Linux/Unix 系统编程手册（上册）](https://man7.org/tlpi/)",
            "Linux/Unix 系统编程手册(上册)",
        ),
        ("阅读《Go 程序设计语言(英文版)》", "《Go 程序设计语言（英文版）》"),
        ("学习极客时间的《深入剖析 Kuberntes》", "深入剖析Kuberntes"),
        ("读完了「The Moon and Sixpence」", "the moon and   sixpence"),
        ("继续看 The Great Gatsby", "ＴＨＥ　ＧＲＥＡＴ　ＧＡＴＳＢＹ"),
        ("HDLBits 的语法学习进度", "HDLBits 的语法"),
        (
            "研究 FinOps 与 kubecost，完成一篇 Kubernetes 成本分析的文章",
            "Kubernetes 成本分析的文章",
        ),
        ("研究 FinOps 与 kubecost,完成一篇 Kubernetes 成本分析的文章", "Kubernetes 成本分析的文章"),
        ("How to Do Great Work? 摘抄", "how to do great work"),
        ("电路 - 组合逻辑部分（很多的习题都跟前面 verilog 语法部分重合了）", "电路-组合逻辑部分"),
    ],
)
def test_spellings_of_one_title_share_a_key(one: str, other: str) -> None:
    assert normalise_title(one) == normalise_title(other)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("[Linux/Unix 系统编程手册（上册）](https://man7.org/tlpi/)", TLPI),
        ("阅读《Go 程序设计语言(英文版)》", GO),
        ("学习 Rust 进度", "rust"),
        ("读 **Dune**", "dune"),
        ("Moon Palace, by Paul Auster", "moon palace, by paul auster"),
        (
            "TCP/IP Illustrated, Volume 1, 2nd Edition 读完第一章",
            "tcp/ip illustrated, volume 1, 2nd edition",
        ),
        ("《人生若有起跑线，有人出生在罗马》", "人生若有起跑线,有人出生在罗马"),
        ("《在峡江的转弯处 - 陈行甲人生笔记》", "在峡江的转弯处-陈行甲人生笔记"),
    ],
)
def test_normalise_title(raw: str, key: str) -> None:
    assert normalise_title(raw) == key


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("阅读《Go 程序设计语言（英文版）》", "Go 程序设计语言（英文版）"),
        (
            "[Mastering Ethereum](https://github.com/ethereumbook/ethereumbook) - 以太坊入门",
            "Mastering Ethereum",
        ),
        ("英语流利说「懂你英语 A+ 学习计划」34 课", "懂你英语 A+ 学习计划"),
        ("HDLBits 学习进度", "HDLBits"),
        (
            "C 语言补完了，开始读 [Linux/Unix 系统编程手册](https://man7.org/tlpi/)",
            "Linux/Unix 系统编程手册",
        ),
    ],
)
def test_display_title(raw: str, title: str) -> None:
    assert display_title(raw) == title


def test_a_bracketed_title_keeps_its_first_character() -> None:
    # `学` and `在` begin titles as often as they begin sentences: inside 《》 nothing is dropped.
    assert normalise_title("《学会提问》") == "学会提问"
    assert title_key(display_title("《学会提问》")) == "学会提问"
    assert normalise_title("读完了《在生命的尽头拥抱你》") == "在生命的尽头拥抱你"


def test_a_quoted_sentence_is_not_a_title() -> None:
    # Taken as plain text, it keeps its brackets rather than becoming the name of an item.
    assert display_title("「很感谢你的推荐！！真心的。」").startswith("「很感谢")
    assert display_title("「懂你英语 A+ 学习计划」") == "懂你英语 A+ 学习计划"


@pytest.mark.parametrize(
    ("new", "known"),
    [
        ("《Intimate Replationships》", "《Intimate Relationship》"),
        ("《深入剖析 Kubernetes》", "《深入剖析 Kuberntes》"),
        ("Moon Palace, by Pual Auster", "Moon Palace, by Paul Auster"),
        ("[Linux/Unix 系统编程手册](https://man7.org/tlpi/)", "Linux/Unix 系统编程手册（上册）"),
    ],
)
def test_near_identical_names_join(new: str, known: str) -> None:
    known_key = normalise_title(known)
    assert match_item(normalise_title(new), ["the great gatsby", known_key]) == known_key


@pytest.mark.parametrize(
    ("new", "known"),
    [
        ("《深入浅出 Kubernetes》", "《深入剖析 Kubernetes》"),
        ("HDLBits / 电路 - 时序逻辑部分", "HDLBits / 电路 - 组合逻辑部分"),
        ("The Time Machine", "The Moon and Sixpence"),
        ("Go 语言动手写 Web 框架", "《Go 程序设计语言(英文版)》"),
    ],
)
def test_distinct_names_stay_apart(new: str, known: str) -> None:
    assert match_item(normalise_title(new), [normalise_title(known)]) is None


def test_match_item_prefers_the_exact_key_and_needs_candidates() -> None:
    assert match_item(GO, [GO, GO + "x"]) == GO
    assert match_item(GO, []) is None


def test_a_bare_name_is_ambiguous_when_both_volumes_are_known() -> None:
    both = [TLPI, "linux/unix系统编程手册(下册)"]
    assert match_item("linux/unix系统编程手册", both) is None


# Pairs in the corpus that are one work under two names. Everything else must stay apart.
SAME_WORK = [
    {"moon palace, by paul auster", "moon palace, by pual auster"},
    # One book: the title with and without its plural, and a typo of it.
    {"intimate relationship", "intimate relationships"},
    {"intimate relationship", "intimate replationships"},
    {"intimate relationships", "intimate replationships"},
    {TLPI, "linux/unix系统编程手册"},
]
# One blog post renamed between drafts, and one course counted two ways: a person could argue
# either way, so the threshold is not held to them.
EITHER_WAY = [
    {"关于nat网关、nat穿越以及虚拟网络", "关于nat网关、nat类型提升、nat穿透以及虚拟网络"},
    {"hdlbits的语法", "hdlbits/verilog语法部分"},
]


def corpus_keys() -> list[str]:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    return sorted({e["key"] for label in labels for e in label["expected"]})


def test_every_pair_of_corpus_items_joins_only_when_it_is_one_work() -> None:
    keys = corpus_keys()
    assert len(keys) > 40
    wrong = []
    for one, other in itertools.combinations(keys, 2):
        pair = {one, other}
        if pair in EITHER_WAY:
            continue
        same = pair in SAME_WORK
        joined = match_item(one, [other]) == other or match_item(other, [one]) == one
        if joined != same:
            wrong.append((one, other))
    assert wrong == []


KNOWN = {
    GO: "Go 程序设计语言(英文版)",
    "go语言动手写web框架": "Go 语言动手写 Web 框架",
    TLPI: "Linux/Unix 系统编程手册（上册）",
    "深入剖析kuberntes": "深入剖析 Kuberntes",
    "the moon and sixpence": "The Moon and Sixpence",
}


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("go", GO),  # a substring: the first item that has it wins
        ("Go 程序设计语言(英文版)", GO),
        ("web 框架", "go语言动手写web框架"),
        ("系统编程", TLPI),
        ("《深入剖析 Kubernetes》", "深入剖析kuberntes"),
        ("moon and sixpense", "the moon and sixpence"),
        ("sixpence", "the moon and sixpence"),
    ],
)
def test_find_item(query: str, key: str) -> None:
    assert find_item(query, KNOWN) == key


def test_find_item_follows_the_order_given() -> None:
    recent_first = dict(reversed(list(KNOWN.items())))
    assert find_item("go", recent_first) == "go语言动手写web框架"


@pytest.mark.parametrize("query", ["", "   ", "x", "something else entirely"])
def test_find_item_finds_nothing_for_unrelated_queries(query: str) -> None:
    assert find_item(query, KNOWN) is None


@pytest.mark.parametrize("mark", [".", "-", "。", ":", "!", "，"])
def test_trailing_marks_are_peeled_in_linear_time(mark: str) -> None:
    """A run of marks followed by more words (one message froze the bot): time grows with length.

    The old pattern `(?:\\s*[-.]+)+$` doubled its work with every extra mark (24 dots: 2.8 s); a
    run twice as long must cost about twice as much, not 4,096 times as much. A ratio within one
    run, not a wall-clock bound, so a busy machine cannot fail it.
    """
    short = f"Read 2 chapters{mark * 12} and more words"
    long = f"Read 2 chapters{mark * 24} and more words"
    assert growth(display_title, short, long) < 50
    assert display_title(f"Dune{mark * 40}") == "Dune"
    assert display_title(f"Dune - 进度 {mark * 30}") == "Dune"


def test_trailing_words_and_marks_are_peeled_together() -> None:
    """Progress words and marks trail in any order and are all peeled; inner ones stay."""
    assert display_title("Dune - 进度：") == "Dune"
    assert display_title("HDLBits 学习进度 --") == "HDLBits"
    assert display_title("Dune: Part Two ...") == "Dune: Part Two"
    assert display_title("继续读 DDIA。。。。。。") == "DDIA"
    assert display_title(f"Read 2 chapters{'.' * 40} and more") == (
        f"2 chapters{'.' * 40} and more"
    )
