"""/problem's rules: add a key problem, or close the n-th open one (`done <n>`, `完成 <n>`)."""

from __future__ import annotations

import re
from datetime import datetime

from bot.checkin.errors import CheckinInputError
from bot.store import Store
from bot.store.receipts import Receipt

_DONE_WORDS = ("done", "完成")


async def change_problems(
    store: Store, user_id: int, args: list[str], *, now: datetime, receipt: Receipt
) -> None:
    """Close the n-th open problem for `done <n>`, else add the words as a new problem.

    `done` and one more word is always a closing: `done -1` or `done x` is refused with the
    usage, never added as a problem named "done -1". Longer texts (`done with the tests`) are
    problems like any other. Raises `CheckinInputError` for a refusal (nothing changes then).
    The command's receipt is kept in the same transaction, so a repeat of it changes nothing.
    """
    checkins = store.checkins
    closing = args[0].casefold() in _DONE_WORDS and len(args) <= 2
    if closing and (len(args) == 1 or not re.fullmatch(r"[0-9]{1,9}", args[1])):
        raise CheckinInputError("problem.error.done_usage")
    if closing:
        number = int(args[1])
        problems = await checkins.open_problems(user_id)
        if not 1 <= number <= len(problems):
            raise CheckinInputError("problem.error.number", number=str(number))
        await checkins.close_problem(user_id, problems[number - 1].id, now=now, receipt=receipt)
    else:
        await checkins.add_problem(user_id, " ".join(args), now=now, receipt=receipt)
