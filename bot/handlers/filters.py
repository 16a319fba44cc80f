"""Filters shared by the handler modules."""

from telegram.ext import filters

PRIVATE = filters.ChatType.PRIVATE
# A new message in a private chat (not an edit, not a channel post).
PRIVATE_MESSAGE = PRIVATE & filters.UpdateType.MESSAGE
