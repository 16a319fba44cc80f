"""Which language to transcribe in: the user's language, unless the audio clearly is another."""

from __future__ import annotations

# How sure language detection must be to overrule the user's language. Below it, the hint
# wins: detection on a few seconds of speech is often unsure (and synthetic Mandarin is
# heard as Thai), while a Chinese-speaking user who says a sentence in English is detected
# as English with near certainty.
OVERRULE_PROBABILITY = 0.8


def choose_language(hint: str | None, detected: str, probability: float) -> str:
    """The language to decode in, from the user's language and what detection heard."""
    if hint is None or detected == hint:
        return detected
    return detected if probability >= OVERRULE_PROBABILITY else hint
