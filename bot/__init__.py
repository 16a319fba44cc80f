"""daylog: a Telegram bot that keeps your daily log and holds you to it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("daylog")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0.0.0"
