"""/problem's rules: add a key problem, or close the n-th open one (`done <n>`, `完成 <n>`)."""

from __future__ import annotations

from datetime import datetime

from bot.checkin.errors import CheckinInputError
from bot.store import Store
from bot.store.receipts import Receipt

_DONE_WORDS = ("done", "完成")


async def change_problems(
    store: Store, user_id: int, args: list[str], *, now: datetime, receipt: Receipt
) -> None:
    """Close the n-th open problem for `done <n>`, else add the words as a new problem.

    Raises `CheckinInputError` when n is not on the list (nothing changes then). The
    command's receipt is kept in the same transaction, so a repeat of it changes nothing.
    """
    checkins = store.checkins
    if len(args) == 2 and args[0].casefold() in _DONE_WORDS and args[1].isdigit():
        number = int(args[1])
        problems = await checkins.open_problems(user_id)
        if not 1 <= number <= len(problems):
            raise CheckinInputError("problem.error.number", number=str(number))
        await checkins.close_problem(user_id, problems[number - 1].id, now=now, receipt=receipt)
    else:
        await checkins.add_problem(user_id, " ".join(args), now=now, receipt=receipt)
