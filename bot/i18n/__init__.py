"""Every user-facing string: one catalogue per language, rendered with escaped parameters."""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from typing import Any

from bot.i18n import en, zh
from bot.models import Language

CATALOGUES: Mapping[Language, Mapping[str, str]] = {"en": en.MESSAGES, "zh": zh.MESSAGES}


class Html(str):
    """Text that is already safe HTML (made by t() or by a renderer that escaped it)."""

    __slots__ = ()


class _CatalogueFormatter(string.Formatter):
    """`{count:entry|entries}` picks the word by the number; other fields are plain text."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if str(value) == '1' else many}"
        return str(super().format_field(value, format_spec))


_FORMATTER = _CatalogueFormatter()


def t(language: Language, key: str, /, **params: object) -> Html:
    """The message `key` in `language`, with every parameter HTML-escaped unless it is Html."""
    template = CATALOGUES[language][key]
    safe = {name: _escape(value) for name, value in params.items()}
    return Html(_FORMATTER.format(template, **safe))


def language_for(language_code: str | None) -> Language:
    """Telegram's language_code to a catalogue: Chinese for zh*, English otherwise."""
    return "zh" if language_code and language_code.lower().startswith("zh") else "en"


def escape(text: str) -> Html:
    """User text made safe for an HTML reply."""
    return Html(html.escape(text, quote=False))


def _escape(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)
