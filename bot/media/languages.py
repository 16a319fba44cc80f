"""Which language to transcribe in: the user's language, unless the audio clearly is another."""

from __future__ import annotations

# The languages the bot speaks: a user of one often talks in the other (a Chinese speaker's
# English sentence), so less evidence is needed to switch between them.
BOT_LANGUAGES = frozenset({"en", "zh"})
# How sure language detection must be to overrule the user's language. Detection on a few
# seconds of speech is often unsure, and it confuses tonal languages (synthetic Mandarin is
# heard as Thai with 0.8); switching to a language the bot does not speak needs near
# certainty, which real speech in that language gives.
SWITCH_BETWEEN_BOT_LANGUAGES = 0.6
SWITCH_TO_ANOTHER_LANGUAGE = 0.9


def choose_language(hint: str | None, detected: str, probability: float) -> str:
    """The language to decode in, from the user's language and what detection heard."""
    if hint is None or detected == hint:
        return detected
    needed = (
        SWITCH_BETWEEN_BOT_LANGUAGES
        if {hint, detected} <= BOT_LANGUAGES
        else SWITCH_TO_ANOTHER_LANGUAGE
    )
    return detected if probability >= needed else hint
