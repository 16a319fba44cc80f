"""The one error the check-in's parsers raise: input the user can fix, named by an i18n key."""

from __future__ import annotations


class CheckinInputError(ValueError):
    """Input the user can fix; `key` names the message in the i18n catalogues, `params` fill it."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params
