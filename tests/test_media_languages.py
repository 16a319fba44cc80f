"""Which language a note is decoded in."""

import pytest

from bot.media.languages import choose_language


@pytest.mark.parametrize(
    ("hint", "detected", "probability", "chosen"),
    [
        (None, "en", 0.30, "en"),  # no hint: detection decides
        ("zh", "zh", 0.40, "zh"),
        ("zh", "en", 0.70, "en"),  # a Chinese speaker says a sentence in English
        ("en", "zh", 0.65, "zh"),
        ("en", "zh", 0.50, "en"),  # unsure: the hint wins
        ("zh", "th", 0.81, "zh"),  # synthetic Mandarin heard as Thai
        ("en", "ja", 0.89, "en"),
        ("en", "ja", 0.95, "ja"),  # a Japanese note, surely
    ],
)
def test_the_users_language_unless_the_audio_clearly_is_another(
    hint: str | None, detected: str, probability: float, chosen: str
) -> None:
    assert choose_language(hint, detected, probability) == chosen
