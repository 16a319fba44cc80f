"""The fonts charts draw text with: a CJK font from a wheel, registered with matplotlib lazily."""

from __future__ import annotations

import threading

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

# Latin text keeps matplotlib's usual look; a glyph the first font lacks falls back to the next
# (matplotlib >= 3.6 falls back glyph by glyph), so "Go 程序设计语言" draws with no missing glyph.
_LATIN_FAMILY = "DejaVu Sans"

_lock = threading.Lock()
_families: tuple[str, ...] | None = None


def chart_families() -> tuple[str, ...]:
    """Font families for chart text, registering the CJK font with matplotlib the first time."""
    global _families  # noqa: PLW0603 - a process-wide, once-only registration is the point
    # Charts may be drawn from worker threads at once; the font must be added exactly once.
    with _lock:
        if _families is None:
            _families = (_LATIN_FAMILY, _register_cjk_font())
        return _families


def chart_font(size: float | None = None) -> FontProperties:
    """A fresh FontProperties for chart text (callers may change it without affecting others)."""
    return FontProperties(family=list(chart_families()), size=size)


def _register_cjk_font() -> str:
    """Add Noto Sans SC to matplotlib's font list and return its family name."""
    # Imported here, not at module level, so importing the bot never touches the 8 MB font file.
    from pylopdf_fonts_zh_cn import sans_path  # noqa: PLC0415

    path = str(sans_path())
    font_manager.fontManager.addfont(path)
    return FontProperties(fname=path).get_name()
