"""Telegram's HTML parse mode, ported from TDLib's parse_html so errors carry the real texts."""

from dataclasses import dataclass
from typing import Any

# Tags the Bot API accepts with parse_mode=HTML; anything else is "Unsupported start tag".
SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "a": "text_link",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# TDLib's is_space: the end of the text counts as a space, which ends every scan below.
_SPACES = frozenset(" \t\r\n\v")
_END = ""


class MarkupError(ValueError):
    """The text is not valid Telegram HTML; the message is TDLib's, without the API prefix."""


@dataclass
class _OpenTag:
    name: str
    argument: str
    expandable: bool
    utf16_offset: int


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _tag_argument(tag: str, attribute: str, value: str) -> str | None:
    """What an attribute tells about its tag: a link, a code language, a spoiler, an emoji."""
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    return None


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of every Telegram length and offset."""
    return len(text.encode("utf-16-le")) // 2


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.open: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def at(self, index: int) -> str:
        return self.text[index] if index < len(self.text) else _END

    def is_space(self, index: int) -> bool:
        char = self.at(index)
        return char == _END or char in _SPACES

    def byte_offset(self, index: int) -> int:
        # Error positions are byte offsets into the UTF-8 text, as TDLib reports them.
        return len(self.text[:index].encode("utf-8", "surrogatepass"))

    def emit(self, chars: str) -> None:
        self.out.append(chars)
        self.utf16 += utf16_length(chars)

    def decode_entity(self, index: int) -> tuple[str, int] | None:
        """The character an `&...;` reference at index stands for, and where it ends."""
        text = self.text
        end = index + 1
        if self.at(end) == "#":
            end += 1
            code = 0
            if self.at(end) == "x":
                end += 1
                while self.at(end) != _END and self.at(end) in "0123456789abcdefABCDEF":
                    code = code * 16 + int(text[end], 16)
                    end += 1
            else:
                while self.at(end) != _END and self.at(end) in "0123456789":
                    code = code * 10 + int(text[end])
                    end += 1
            if code == 0 or code >= 0x10FFFF or end - index >= 10:
                return None
            if 0xD800 <= code <= 0xDFFF:
                raise MarkupError(
                    "Text contains invalid Unicode characters after decoding HTML entities, "
                    "check for unmatched surrogate code units"
                )
            char = chr(code)
        else:
            while self.at(end) != _END and self.at(end).isascii() and self.at(end).isalpha():
                end += 1
            name = text[index + 1 : end]
            if name not in _NAMED_ENTITIES:
                return None
            char = _NAMED_ENTITIES[name]
        if self.at(end) == ";":
            end += 1
        return char, end

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "&":
                decoded = self.decode_entity(self.pos)
                if decoded is not None:
                    self.emit(decoded[0])
                    self.pos = decoded[1]
                    continue
            if char != "<":
                self.emit(char)
                self.pos += 1
                continue
            if self.at(self.pos + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.open:
            raise MarkupError(
                f'Can\'t find end tag corresponding to start tag "{self.open[-1].name}"'
            )
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.out), self.entities

    def start_tag(self) -> None:
        begin = self.pos
        offset = self.byte_offset(begin)
        i = begin + 1
        while not self.is_space(i) and self.at(i) != ">":
            i += 1
        if self.at(i) == _END:
            raise MarkupError(f"Unclosed start tag at byte offset {offset}")
        name = self.text[begin + 1 : i].lower()
        if name not in SUPPORTED_TAGS:
            raise MarkupError(f'Unsupported start tag "{name}" at byte offset {offset}')

        argument, expandable, i = self.attributes(i, name, offset)
        self.pos = i + 1
        if name == "span" and argument != "spoiler":
            raise MarkupError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
        self.open.append(_OpenTag(name, argument, expandable, self.utf16))

    def attributes(self, i: int, name: str, offset: int) -> tuple[str, bool, int]:
        """Read a start tag's attributes; returns the tag's argument, expandable, and the '>'."""
        argument = ""
        expandable = False
        while self.at(i) != ">":
            while self.at(i) != _END and self.is_space(i):
                i += 1
            if self.at(i) == ">":
                break
            if self.at(i) == _END:
                raise MarkupError(f"Unclosed start tag at byte offset {offset}")
            attribute_begin = i
            while not self.is_space(i) and self.at(i) not in ("=", ">"):
                i += 1
            attribute = self.text[attribute_begin:i]
            if not attribute:
                raise MarkupError(
                    f'Empty attribute name in the tag "{name}" at byte offset {offset}'
                )
            while self.at(i) != _END and self.is_space(i):
                i += 1
            if self.at(i) != "=":
                # A valueless attribute; only <blockquote expandable> means anything.
                expandable = expandable or (name == "blockquote" and attribute == "expandable")
                continue
            i += 1
            while self.at(i) != _END and self.is_space(i):
                i += 1
            if self.at(i) == _END:
                raise MarkupError(f'Unclosed start tag "{name}" at byte offset {offset}')
            value, i = self.attribute_value(i)
            if self.at(i) == _END:
                raise MarkupError(f"Unclosed start tag at byte offset {offset}")
            argument = _tag_argument(name, attribute, value) or argument
            expandable = expandable or (name == "blockquote" and attribute == "expandable")
        return argument, expandable, i

    def attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.at(i)
        if quote not in ("'", '"'):
            # An unquoted name token: letters, digits, periods and hyphens, case-insensitive.
            token_begin = i
            while self.at(i) != _END and (_is_ascii_alnum(self.at(i)) or self.at(i) in ".-"):
                i += 1
            if not self.is_space(i) and self.at(i) != ">":
                raise MarkupError(
                    f"Unexpected end of name token at byte offset {self.byte_offset(token_begin)}"
                )
            return self.text[token_begin:i].lower(), i
        i += 1
        value: list[str] = []
        while self.at(i) not in (quote, _END):
            if self.at(i) == "&":
                decoded = self.decode_entity(i)
                if decoded is not None:
                    value.append(decoded[0])
                    i = decoded[1]
                    continue
            value.append(self.text[i])
            i += 1
        if self.at(i) == quote:
            i += 1
        return "".join(value), i

    def end_tag(self) -> None:
        begin = self.pos
        offset = self.byte_offset(begin)
        if not self.open:
            raise MarkupError(f"Unexpected end tag at byte offset {offset}")
        i = begin + 2
        while not self.is_space(i) and self.at(i) != ">":
            i += 1
        end_name = self.text[begin + 2 : i]
        while self.at(i) != _END and self.is_space(i):
            i += 1
        if self.at(i) != ">":
            raise MarkupError(f"Unclosed end tag at byte offset {offset}")
        tag = self.open.pop()
        if end_name and end_name != tag.name:
            raise MarkupError(
                f"Unmatched end tag at byte offset {offset}, "
                f'expected "</{tag.name}>", found "</{end_name}>"'
            )
        self.pos = i + 1
        length = self.utf16 - tag.utf16_offset
        if length > 0:
            self.add_entity(tag, length)

    def add_entity(self, tag: _OpenTag, length: int) -> None:
        entity: dict[str, Any] = {
            "type": _ENTITY_TYPES[tag.name],
            "offset": tag.utf16_offset,
            "length": length,
        }
        if tag.name == "a":
            if not tag.argument:
                return  # TDLib would try the text as a URL; the fake keeps no link then.
            entity["url"] = tag.argument
        elif tag.name == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.argument
        elif tag.name in ("pre", "code") and tag.argument:
            entity["type"] = "pre"
            entity["language"] = tag.argument
        self.entities.append(entity)


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and the MessageEntity dicts of a parse_mode=HTML text.

    Raises MarkupError with TDLib's description when Telegram would refuse the text.
    """
    return _Parser(text).parse()
