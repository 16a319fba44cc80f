"""Checks a call the bot made against the vendored Bot API spec (tests/data/botapi_spec.json).

The fake Bot API accepts what Telegram accepts as far as it was taught; this checks the other
direction: that the bot sends only methods and parameters Telegram documents, with the right
types and within the documented limits, so the fake cannot drift from Telegram unnoticed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from fakebotapi.markup import MarkupError, parse_html, utf16_length
from fakebotapi.models import Call

SPEC_PATH = Path(__file__).parent / "data" / "botapi_spec.json"
_INTEGER = re.compile(r"^-?\d+$")


@cache
def spec() -> dict[str, Any]:
    """The vendored spec."""
    loaded: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def violations(call: Call) -> list[str]:
    """What in one call the published Bot API does not allow; empty when all is well."""
    method = spec()["methods"].get(call.method)
    if method is None:
        return [f"{call.method}: not a Bot API method"]
    fields = {field["name"]: field for field in method["fields"]}
    found = []
    for name in call.params.keys() | set(call.files):
        field = fields.get(name)
        if field is None:
            found.append(f"{call.method}: no parameter {name!r}")
        elif not any(_fits(call, name, kind) for kind in field["types"]):
            value, kinds = call.params.get(name), " or ".join(field["types"])
            found.append(f"{call.method}: {name}={value!r:.60} is not {kinds}")
    for name, field in fields.items():
        if field["required"] and name not in call.params and name not in call.files:
            found.append(f"{call.method}: {name} is required")
    return found + _limits(call)


def _fits(call: Call, name: str, kind: str) -> bool:
    if name in call.files:
        return kind == "InputFile"
    value = call.params[name]
    scalar = _SCALAR_CHECKS.get(kind)
    if scalar is not None:
        return scalar(value)
    decoded = _decoded(value)
    if kind.startswith("Array of "):
        return isinstance(decoded, list)
    return isinstance(decoded, dict)


def _number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


_SCALAR_CHECKS: dict[str, Callable[[Any], bool]] = {
    "Integer": lambda value: (
        (isinstance(value, int) and not isinstance(value, bool))
        or bool(isinstance(value, str) and _INTEGER.match(value))
    ),
    "Boolean": lambda value: isinstance(value, bool) or value in ("true", "false"),
    "Float": _number,
    "String": lambda value: isinstance(value, str),
    # A file sent by reference to a multipart part; an uploaded one is in call.files.
    "InputFile": lambda value: isinstance(value, str) and value.startswith("attach://"),
}


def _decoded(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _limits(call: Call) -> list[str]:
    limits = spec()["limits"]
    params = call.params
    found = []
    for field, limit in (("text", "text_characters"), ("caption", "caption_characters")):
        if field in params and call.method != "answerCallbackQuery":
            length = _length(str(params[field]), params.get("parse_mode"))
            if length is None:
                found.append(f"{call.method}: {field} is not valid {params.get('parse_mode')}")
            elif length > limits[limit] or (field == "text" and length == 0):
                found.append(f"{call.method}: {field} of {length} characters")
    answer = str(params.get("text", "")) if call.method == "answerCallbackQuery" else ""
    if len(answer) > limits["callback_answer_characters"]:
        found.append(f"answerCallbackQuery: text of {len(answer)} characters")
    if "parse_mode" in params and params["parse_mode"] not in limits["parse_modes"]:
        found.append(f"{call.method}: parse_mode {params['parse_mode']!r}")
    if call.method == "sendChatAction" and params.get("action") not in limits["chat_actions"]:
        found.append(f"sendChatAction: action {params.get('action')!r}")
    markup = _decoded(params.get("reply_markup"))
    for row in (markup or {}).get("inline_keyboard", []) if isinstance(markup, dict) else []:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 0 < len(data.encode()) <= limits["callback_data_bytes"]:
                found.append(f"{call.method}: callback_data {data!r} of {len(data.encode())} bytes")
    if call.method == "setMyCommands":
        found.extend(_command_violations(_decoded(params.get("commands")), limits))
    return found


def _length(text: str, parse_mode: Any) -> int | None:
    if parse_mode == "HTML":
        try:
            text, _ = parse_html(text)
        except MarkupError:
            return None
    return utf16_length(text)


def _command_violations(commands: Any, limits: dict[str, Any]) -> list[str]:
    if not isinstance(commands, list) or len(commands) > limits["commands_per_list"]:
        return ["setMyCommands: commands is not a list of at most 100"]
    low, high = limits["command_description_characters"]
    found = []
    for command in commands:
        if not re.match(limits["command_pattern"], str(command.get("command", ""))):
            found.append(f"setMyCommands: command {command.get('command')!r}")
        if not low <= len(str(command.get("description", ""))) <= high:
            found.append(f"setMyCommands: description of /{command.get('command')}")
    return found
