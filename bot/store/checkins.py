"""Check-ins: each user's schedule and lists, their key problems, and one record per user-day.

The conversation's state lives here and nowhere else, not even which users' check-ins wait for
a typed answer: so a restart resumes a check-in where it stood, and several processes on one
database agree on where each check-in stands.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from bot.checkin.models import (
    TEXT_STEPS,
    UNPLANNED,
    Checkin,
    CheckinPrefs,
    Due,
    DueTime,
    Opening,
    Problem,
    ScheduledUser,
    Status,
)
from bot.checkin.plan import PlanBlock
from bot.checkin.review import CheckinRecord, GoalAnswer, PlanResult
from bot.models import Language
from bot.store.database import Database, Row
from bot.store.receipts import Receipt, write_receipt

_START = (
    "INSERT INTO checkins (user_id, day, status, step, review, workday, due_at, started_at,"
    " closes_at, remind_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (user_id, day) DO NOTHING RETURNING *"
)
# /checkin on a day that has a record starts it over; the day's entries are untouched.
_RESTART = (
    "INSERT INTO checkins (user_id, day, status, step, review, workday, due_at, started_at,"
    " closes_at, remind_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (user_id, day) DO UPDATE SET status = 'open', step = excluded.step,"
    " review = excluded.review, workday = excluded.workday, started_at = excluded.started_at,"
    " closes_at = excluded.closes_at, remind_at = excluded.remind_at, reminder_sent = 0,"
    " answered_at = NULL, finished_at = NULL, healthy_states = '[]', off_states = '[]',"
    " goal_answer = NULL, goal_note = NULL, plan_results = '{}' RETURNING *"
)


_TEXT_STEPS = json.dumps(sorted(TEXT_STEPS))


class CheckinStore:
    """Reads and writes check-in settings, problems and records; every query names one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    # ---- settings -------------------------------------------------------------------------

    async def prefs(self, user_id: int) -> CheckinPrefs:
        """The user's check-in settings, or the defaults if they never changed any."""
        row = await self._db.fetchone(
            "SELECT * FROM checkin_settings WHERE user_id = ?", (user_id,)
        )
        return _prefs(row) if row else CheckinPrefs(user_id=user_id)

    async def save_prefs(self, prefs: CheckinPrefs, *, now: datetime) -> None:
        """Store the user's check-in settings whole."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO checkin_settings (user_id, at, weekdays, enabled, paused_until,"
                " healthy_states, off_states, goal, workday, reminder_minutes, review_day,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET at = excluded.at,"
                " weekdays = excluded.weekdays, enabled = excluded.enabled,"
                " paused_until = excluded.paused_until, healthy_states = excluded.healthy_states,"
                " off_states = excluded.off_states, goal = excluded.goal,"
                " workday = excluded.workday, reminder_minutes = excluded.reminder_minutes,"
                " review_day = excluded.review_day, updated_at = excluded.updated_at",
                (
                    prefs.user_id,
                    prefs.at.strftime("%H:%M"),
                    "".join(str(day) for day in sorted(prefs.weekdays)),
                    int(prefs.enabled),
                    prefs.paused_until.isoformat() if prefs.paused_until else None,
                    _json_list(prefs.healthy_states),
                    _json_list(prefs.off_states),
                    prefs.goal,
                    _workday_text(prefs.workday),
                    prefs.reminder_minutes,
                    prefs.review_day,
                    now.isoformat(),
                ),
            )

    async def switch_off(self, user_id: int, *, now: datetime) -> None:
        """Stop the user's check-ins (they blocked the bot): schedule off, open check-in missed."""
        prefs = await self.prefs(user_id)
        await self.save_prefs(prefs.model_copy(update={"enabled": False}), now=now)
        await self.set_due(user_id, None)
        await self._db.write(
            "UPDATE checkins SET status = 'missed', step = NULL, remind_at = NULL"
            " WHERE user_id = ? AND status = 'open'",
            (user_id,),
        )

    # ---- due times ------------------------------------------------------------------------

    async def set_due(self, user_id: int, due_at: datetime | None) -> None:
        """Plan the user's next check-in at `due_at` (None: nothing scheduled); ends a claim."""
        await self._db.write(
            "INSERT INTO checkin_due (user_id, due_at) VALUES (?, ?) ON CONFLICT (user_id)"
            " DO UPDATE SET due_at = excluded.due_at, claimed_due = NULL",
            (user_id, _utc(due_at) if due_at else None),
        )

    async def due(self, user_id: int) -> DueTime:
        """When the user's next check-in is planned: an instant, UNPLANNED, or None (off)."""
        row = await self._db.fetchone(
            "SELECT due_at FROM checkin_due WHERE user_id = ?", (user_id,)
        )
        return _due_time(row["due_at"]) if row else None

    async def claim_due(self, now: datetime, *, lease_until: datetime, limit: int) -> list[Due]:
        """Take up to `limit` users whose check-in is due, earliest first, until `lease_until`.

        One statement, so two loops (or processes) never take the same row: the claimed row's
        due_at moves to the lease's end, and only if it is not finished by then (a crash) does
        it come due again, keeping the instant it was first due at.
        """
        rows = await self._db.write(
            "UPDATE checkin_due SET claimed_due = COALESCE(claimed_due, due_at), due_at = ?"
            " WHERE user_id IN (SELECT user_id FROM checkin_due"
            "   WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?)"
            " RETURNING user_id, claimed_due",
            (_utc(lease_until), _utc(now), limit),
        )
        return [Due(row["user_id"], _due_time(row["claimed_due"])) for row in rows]

    async def finish_due(self, claimed: Due, next_at: datetime | None) -> bool:
        """Plan the next check-in after a claimed one was handled; False if the claim was lost.

        A change of schedule meanwhile (it clears the claim) wins over this plan, made from the
        schedule as it was.
        """
        rows = await self._db.write(
            "UPDATE checkin_due SET due_at = ?, claimed_due = NULL"
            " WHERE user_id = ? AND claimed_due = ? RETURNING user_id",
            (
                _utc(next_at) if next_at else None,
                claimed.user_id,
                _claim_text(claimed),
            ),
        )
        return bool(rows)

    async def finish_due_many(self, plans: Iterable[tuple[Due, datetime | None]]) -> None:
        """`finish_due` for a batch of claims, in one statement."""
        await self._db.write(
            "UPDATE checkin_due SET due_at = j.value ->> 1, claimed_due = NULL"
            " FROM json_each(?) AS j"
            " WHERE checkin_due.user_id = j.value ->> 0"
            " AND checkin_due.claimed_due = j.value ->> 2",
            (
                json.dumps(
                    [
                        [claimed.user_id, _utc(next_at) if next_at else None, _claim_text(claimed)]
                        for claimed, next_at in plans
                    ]
                ),
            ),
        )

    async def scheduled_users_by_id(self, user_ids: Iterable[int]) -> dict[int, ScheduledUser]:
        """Many users with their check-in settings, by id (a claimed batch)."""
        rows = await self._db.fetchall(
            "SELECT u.user_id, u.chat_id, u.language, u.timezone, u.created_at, s.*"
            " FROM json_each(?) j JOIN users u ON u.user_id = j.value"
            " LEFT JOIN checkin_settings s ON s.user_id = u.user_id",
            (json.dumps(list(user_ids)),),
        )
        users = [_scheduled_user(row) for row in rows]
        return {user.user_id: user for user in users}

    async def earliest_due(self) -> datetime | None:
        """The first instant anything is due: a check-in, a reminder or the end of a day."""
        row = await self._db.fetchone(
            "SELECT (SELECT MIN(due_at) FROM checkin_due WHERE due_at IS NOT NULL),"
            " (SELECT MIN(remind_at) FROM checkins WHERE status = 'open'),"
            " (SELECT MIN(closes_at) FROM checkins WHERE status = 'open')"
        )
        assert row is not None  # noqa: S101 - scalar subqueries always give one row
        instants = [value for value in row if value is not None]
        if not instants:
            return None
        earliest = min(instants)
        # An unplanned row ('') is due at once.
        return datetime.min.replace(tzinfo=UTC) if earliest == UNPLANNED else _aware(earliest)

    async def scheduled_user(self, user_id: int) -> ScheduledUser | None:
        """One user with their check-in settings, on or off."""
        row = await self._db.fetchone(
            "SELECT u.user_id, u.chat_id, u.language, u.timezone, u.created_at, s.* FROM users u"
            " LEFT JOIN checkin_settings s ON s.user_id = u.user_id WHERE u.user_id = ?",
            (user_id,),
        )
        return _scheduled_user(row) if row else None

    # ---- key problems ---------------------------------------------------------------------

    async def add_problem(
        self, user_id: int, text: str, *, now: datetime, receipt: Receipt | None = None
    ) -> None:
        """Note a key problem (with the receipt of the command that asked, if given)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO checkin_problems (user_id, text, created_at) VALUES (?, ?, ?)",
                (user_id, text, now.isoformat()),
            )
            if receipt is not None:
                await write_receipt(connection, receipt)

    async def open_problems(self, user_id: int) -> list[Problem]:
        """The user's key problems not yet closed, oldest first (their numbers in /goal)."""
        rows = await self._db.fetchall(
            "SELECT * FROM checkin_problems WHERE user_id = ? AND closed_at IS NULL ORDER BY id",
            (user_id,),
        )
        return [_problem(row) for row in rows]

    async def close_problem(
        self, user_id: int, problem_id: int, *, now: datetime, receipt: Receipt | None = None
    ) -> None:
        """Mark one of the user's problems solved (with the command's receipt, if given)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE checkin_problems SET closed_at = ? WHERE id = ? AND user_id = ?",
                (now.isoformat(), problem_id, user_id),
            )
            if receipt is not None:
                await write_receipt(connection, receipt)

    # ---- records --------------------------------------------------------------------------

    async def get(self, user_id: int, day: date) -> Checkin | None:
        """The user's check-in of one day."""
        row = await self._db.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? AND day = ?", (user_id, day.isoformat())
        )
        return _checkin(row) if row else None

    async def by_id(self, checkin_id: int) -> Checkin | None:
        """A check-in by its id (buttons carry it; the caller checks whose it is)."""
        row = await self._db.fetchone("SELECT * FROM checkins WHERE id = ?", (checkin_id,))
        return _checkin(row) if row else None

    async def awaiting_answer(self, user_id: int, *, since: date) -> Checkin | None:
        """The user's open check-in of `since` or later if it waits for a typed answer.

        Asked on every plain message, so it is one read through the (user_id, day) index
        that touches the last few days' records, not a user's years of them: an open
        check-in is missed at its day's end, so one older than a day or two is never open.
        """
        row = await self._db.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? AND day >= ? AND status = 'open'"
            " AND step IN (SELECT value FROM json_each(?)) ORDER BY day DESC LIMIT 1",
            (user_id, since.isoformat(), _TEXT_STEPS),
        )
        return _checkin(row) if row else None

    async def open_for(self, user_id: int) -> Checkin | None:
        """The user's open check-in, if one waits."""
        row = await self._db.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? AND status = 'open' ORDER BY day DESC",
            (user_id,),
        )
        return _checkin(row) if row else None

    async def start(self, new: Opening, *, reopen: bool) -> Checkin | None:
        """Open the day's check-in at its first step.

        A day that already has a record is left alone unless `reopen` (the user asked with
        /checkin); then it starts over, keeping nothing but its id. Returns None when left alone.
        """
        # One statement, atomic on its own: one trip to the database thread, not five.
        rows = await self._db.write(_RESTART if reopen else _START, _opening_row(new))
        row = rows[0] if rows else None
        if row is None:
            return None
        return _checkin(row)

    async def start_many(self, openings: Iterable[Opening]) -> list[Checkin]:
        """Open many users' check-ins in one statement; the ones whose day has a record stay.

        Returns the check-ins opened. One trip for a whole batch: the scheduler opens
        thousands a minute at a paid broadcast rate, and each trip to the database thread
        costs more than the statement.
        """
        rows = await self._db.write(
            "INSERT INTO checkins (user_id, day, status, step, review, workday, due_at,"
            " started_at, closes_at, remind_at)"
            " SELECT value ->> 0, value ->> 1, 'open', value ->> 2, value ->> 3, value ->> 4,"
            " value ->> 5, value ->> 6, value ->> 7, value ->> 8 FROM json_each(?)"
            " WHERE true ON CONFLICT (user_id, day) DO NOTHING RETURNING *",
            (json.dumps([_opening_row(new) for new in openings]),),
        )
        return [_checkin(row) for row in rows]

    async def on_days(self, wanted: Iterable[tuple[int, date]]) -> dict[tuple[int, date], Checkin]:
        """The records of many (user, day) pairs at once; pairs without one are left out."""
        rows = await self._db.fetchall(
            "SELECT c.* FROM json_each(?) j JOIN checkins c"
            " ON c.user_id = j.value ->> 0 AND c.day = j.value ->> 1",
            (json.dumps([[user_id, day.isoformat()] for user_id, day in wanted]),),
        )
        records = [_checkin(row) for row in rows]
        return {(record.user_id, record.day): record for record in records}

    async def mark_many(self, days: Iterable[tuple[int, date]], status: Status) -> None:
        """`mark` for many users at once: (user, day) pairs, in one transaction."""
        async with self._db.transaction() as connection:
            await connection.executemany(
                "INSERT INTO checkins (user_id, day, status) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id, day) DO NOTHING",
                [(user_id, day.isoformat(), status) for user_id, day in days],
            )

    async def mark(self, user_id: int, days: Iterable[date], status: Status) -> None:
        """Record days that had no conversation (missed while down, paused); known days stay."""
        async with self._db.transaction() as connection:
            await connection.executemany(
                "INSERT INTO checkins (user_id, day, status) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id, day) DO NOTHING",
                [(user_id, day.isoformat(), status) for day in days],
            )

    async def add_pause(self, user_id: int, first: date, last: date) -> None:
        """Record a pause from `first` to `last` inclusive: one row, however long it is."""
        await self._db.write(
            "INSERT INTO checkin_pauses (user_id, first_day, last_day) VALUES (?, ?, ?)",
            (user_id, first.isoformat(), last.isoformat()),
        )

    async def end_pause(self, user_id: int, since: date) -> None:
        """Forget paused days from `since` on (the user ended the pause early)."""
        async with self._db.transaction() as connection:
            day = since.isoformat()
            await connection.execute(
                "DELETE FROM checkin_pauses WHERE user_id = ? AND first_day >= ?", (user_id, day)
            )
            await connection.execute(
                "UPDATE checkin_pauses SET last_day = date(?, '-1 day')"
                " WHERE user_id = ? AND last_day >= ?",
                (day, user_id, day),
            )
            # Pauses from before ranges were stored as one 'paused' record a day.
            await connection.execute(
                "DELETE FROM checkins WHERE user_id = ? AND status = 'paused' AND day >= ?",
                (user_id, day),
            )

    async def paused_days(self, user_id: int, first: date, last: date) -> set[date]:
        """The days from `first` to `last` inclusive inside one of the user's pauses."""
        rows = await self._db.fetchall(
            "SELECT first_day, last_day FROM checkin_pauses"
            " WHERE user_id = ? AND first_day <= ? AND last_day >= ?",
            (user_id, last.isoformat(), first.isoformat()),
        )
        days: set[date] = set()
        for row in rows:
            days |= _span(
                max(first, date.fromisoformat(row["first_day"])),
                min(last, date.fromisoformat(row["last_day"])),
            )
        return days

    async def latest(self, user_id: int) -> Checkin | None:
        """The user's most recent record of any status."""
        row = await self._db.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? ORDER BY day DESC LIMIT 1", (user_id,)
        )
        return _checkin(row) if row else None

    async def between(self, user_id: int, first: date, last: date) -> list[Checkin]:
        """The user's records from first to last day inclusive."""
        rows = await self._db.fetchall(
            "SELECT * FROM checkins WHERE user_id = ? AND day BETWEEN ? AND ? ORDER BY day",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [_checkin(row) for row in rows]

    async def records(
        self, user_id: int, first: date, last: date, weekdays: frozenset[int]
    ) -> list[CheckinRecord]:
        """The user's check-in records from first to last, with each paused check-in day as one.

        Paused days are kept as ranges, so the days of a pause that had a check-in scheduled
        (`weekdays`) and no record of their own read as 'paused' records here.
        """
        records = [checkin.record() for checkin in await self.between(user_id, first, last)]
        recorded = {record.day for record in records}
        records += [
            CheckinRecord(day=day, status="paused")
            for day in await self.paused_days(user_id, first, last)
            if day not in recorded and day.weekday() in weekdays
        ]
        return sorted(records, key=lambda record: record.day)

    async def streak_days(
        self, user_id: int, until: date | None = None
    ) -> tuple[set[date], set[date]]:
        """Active days (an entry or a finished check-in) and neutral ones (skipped, paused).

        Paused days are counted up to `until` (default: tomorrow in UTC); later ones cannot
        touch a streak, and a pause to the year 2999 must not become 355,000 days in memory.
        """
        # Three lists joined into one row each: a ten-year log is thousands of days, and one
        # row per day through aiosqlite costs more than the query itself.
        row = await self._db.fetchone(
            "SELECT (SELECT group_concat(day) FROM entry_days WHERE user_id = ?),"
            " (SELECT group_concat(day) FROM checkins WHERE user_id = ? AND status = 'done'),"
            " (SELECT group_concat(day) FROM checkins"
            "   WHERE user_id = ? AND status IN ('skipped', 'paused')),"
            " (SELECT group_concat(first_day || '/' || last_day) FROM checkin_pauses"
            "   WHERE user_id = ?)",
            (user_id, user_id, user_id, user_id),
        )
        assert row is not None  # noqa: S101 - scalar subqueries always give one row
        logged, done, neutral = (_days(value) for value in row[:3])
        active = logged | done
        # Before the first active day a pause cannot touch a streak either.
        first = min(active, default=None)
        last = until or datetime.now(UTC).date() + timedelta(days=1)
        if first is not None:
            for pause in (row[3] or "").split(","):
                if pause:
                    start, _, end = pause.partition("/")
                    neutral |= _span(
                        max(first, date.fromisoformat(start)), min(last, date.fromisoformat(end))
                    )
        return active, neutral - active

    # ---- the conversation -----------------------------------------------------------------

    async def set_step(
        self, checkin_id: int, step: str | None, *, now: datetime, receipt: Receipt | None = None
    ) -> Checkin:
        """Move an open check-in to its next step; an answer means no reminder is needed.

        A typed answer that moves it on passes its receipt, kept in the same transaction.
        """
        return await self._update(
            "UPDATE checkins SET step = ?, answered_at = ?, remind_at = NULL"
            " WHERE id = ? AND status = 'open' RETURNING *",
            (step, now.isoformat(), checkin_id),
            receipt,
        )

    async def set_states(
        self, checkin_id: int, healthy: Iterable[str], off: Iterable[str], *, now: datetime
    ) -> Checkin:
        """Replace the ticked states."""
        return await self._update(
            "UPDATE checkins SET healthy_states = ?, off_states = ?, answered_at = ?,"
            " remind_at = NULL WHERE id = ? RETURNING *",
            (_json_list(tuple(healthy)), _json_list(tuple(off)), now.isoformat(), checkin_id),
        )

    async def set_goal_answer(
        self, checkin_id: int, goal: str | None, answer: GoalAnswer, *, now: datetime
    ) -> Checkin:
        """Keep how today served the key goal, and the goal as it was asked about."""
        return await self._update(
            "UPDATE checkins SET goal = ?, goal_answer = ?, answered_at = ?, remind_at = NULL"
            " WHERE id = ? RETURNING *",
            (goal, answer, now.isoformat(), checkin_id),
        )

    async def set_goal_note(self, checkin_id: int, note: str, *, now: datetime) -> Checkin:
        """Keep the note on the key goal."""
        return await self._update(
            "UPDATE checkins SET goal_note = ?, answered_at = ? WHERE id = ? RETURNING *",
            (note, now.isoformat(), checkin_id),
        )

    async def set_plan(
        self, checkin_id: int, text: str, blocks: Iterable[PlanBlock], *, now: datetime
    ) -> Checkin:
        """Keep tomorrow's plan as written and as read."""
        encoded = json.dumps(
            [[b.start.strftime("%H:%M"), b.end.strftime("%H:%M"), b.text] for b in blocks],
            ensure_ascii=False,
        )
        return await self._update(
            "UPDATE checkins SET plan_text = ?, plan_blocks = ?, answered_at = ?"
            " WHERE id = ? RETURNING *",
            (text, encoded, now.isoformat(), checkin_id),
        )

    async def set_plan_results(
        self, checkin_id: int, results: dict[int, PlanResult], *, now: datetime
    ) -> Checkin:
        """Keep done / partly / not done for the blocks of yesterday's plan."""
        return await self._update(
            "UPDATE checkins SET plan_results = ?, answered_at = ?, remind_at = NULL"
            " WHERE id = ? RETURNING *",
            (json.dumps(results), now.isoformat(), checkin_id),
        )

    async def snooze(self, checkin_id: int, until: datetime, *, now: datetime) -> Checkin:
        """Ask again at `until`."""
        return await self._update(
            "UPDATE checkins SET remind_at = ?, answered_at = ? WHERE id = ? RETURNING *",
            (_utc(until), _utc(now), checkin_id),
        )

    async def finish(
        self, checkin_id: int, status: Status, *, now: datetime, receipt: Receipt | None = None
    ) -> Checkin:
        """Close a check-in as done or skipped (with the receipt of the answer that did)."""
        return await self._update(
            "UPDATE checkins SET status = ?, step = NULL, remind_at = NULL, finished_at = ?"
            " WHERE id = ? RETURNING *",
            (status, now.isoformat(), checkin_id),
            receipt,
        )

    async def claim_due_nudges(self, now: datetime, *, limit: int = -1) -> list[Checkin]:
        """Open check-ins whose reminder or snooze is due, taken so no other sweep sends them.

        At most `limit` (-1: all), earliest first; one statement, so a claim is exclusive.
        """
        rows = await self._write_returning(
            "UPDATE checkins SET remind_at = NULL, reminder_sent = 1"
            " WHERE id IN (SELECT id FROM checkins"
            "   WHERE status = 'open' AND remind_at <= ? ORDER BY remind_at LIMIT ?)"
            " RETURNING *",
            (_utc(now), limit),
        )
        return [_checkin(row) for row in rows]

    async def close_ended(self, now: datetime, *, limit: int = -1) -> list[Checkin]:
        """Mark missed the open check-ins whose day has ended (at most `limit`; -1: all)."""
        rows = await self._write_returning(
            "UPDATE checkins SET status = 'missed', step = NULL, remind_at = NULL"
            " WHERE id IN (SELECT id FROM checkins"
            "   WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at LIMIT ?)"
            " RETURNING *",
            (_utc(now), limit),
        )
        return [_checkin(row) for row in rows]

    async def _update(
        self, sql: str, parameters: tuple[object, ...], receipt: Receipt | None = None
    ) -> Checkin:
        rows = await self._write_returning(sql, parameters, receipt)
        if not rows:
            raise LookupError("no such open check-in")
        return _checkin(rows[0])

    async def _write_returning(
        self, sql: str, parameters: tuple[object, ...], receipt: Receipt | None = None
    ) -> list[Row]:
        async with self._db.transaction() as connection:
            cursor = await connection.execute(sql, parameters)
            rows = list(await cursor.fetchall())
            await cursor.close()
            if rows and receipt is not None:
                await write_receipt(connection, receipt)
        return rows


def _claim_text(claimed: Due) -> str:
    """The claimed instant as stored in claimed_due."""
    return _utc(claimed.due_at) if isinstance(claimed.due_at, datetime) else UNPLANNED


def _opening_row(new: Opening) -> tuple[object, ...]:
    return (
        new.user_id,
        new.day.isoformat(),
        new.step,
        int(new.review),
        _workday_text(new.workday),
        _utc(new.due_at) if new.due_at else None,
        _utc(new.started_at),
        _utc(new.closes_at),
        _utc(new.remind_at),
    )


def _due_time(value: str | None) -> DueTime:
    if value is None:
        return None
    return UNPLANNED if value == UNPLANNED else _aware(value)


def _aware(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _utc(instant: datetime) -> str:
    # Instants are compared as text in SQL, so every one is stored in UTC.
    return instant.astimezone(UTC).isoformat()


def _json_list(values: tuple[str, ...] | None) -> str | None:
    return None if values is None else json.dumps(list(values), ensure_ascii=False)


def _workday_text(workday: tuple[time, time] | None) -> str | None:
    if workday is None:
        return None
    return f"{workday[0].strftime('%H:%M')}-{workday[1].strftime('%H:%M')}"


def _workday(value: str | None) -> tuple[time, time] | None:
    if value is None:
        return None
    start, _, end = value.partition("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def _tuple(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(json.loads(value))


def _prefs(row: Row) -> CheckinPrefs:
    return CheckinPrefs(
        user_id=row["user_id"],
        at=time.fromisoformat(row["at"]),
        weekdays=frozenset(int(day) for day in row["weekdays"]),
        enabled=bool(row["enabled"]),
        paused_until=date.fromisoformat(row["paused_until"]) if row["paused_until"] else None,
        healthy_states=_tuple(row["healthy_states"]),
        off_states=_tuple(row["off_states"]),
        goal=row["goal"],
        workday=_workday(row["workday"]),
        reminder_minutes=row["reminder_minutes"],
        review_day=row["review_day"],
    )


def _scheduled_user(row: Row) -> ScheduledUser:
    language: Language = row["language"]
    has_prefs = row["at"] is not None
    return ScheduledUser(
        user_id=row[0],
        chat_id=row["chat_id"],
        language=language,
        timezone=row["timezone"],
        created_at=datetime.fromisoformat(row["created_at"]),
        prefs=_prefs(row) if has_prefs else CheckinPrefs(user_id=row[0]),
    )


def _problem(row: Row) -> Problem:
    return Problem(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        created_at=datetime.fromisoformat(row["created_at"]),
        closed_at=datetime.fromisoformat(row["closed_at"]) if row["closed_at"] else None,
    )


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _checkin(row: Row) -> Checkin:
    blocks = json.loads(row["plan_blocks"]) if row["plan_blocks"] else []
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        day=date.fromisoformat(row["day"]),
        status=row["status"],
        step=row["step"],
        review=bool(row["review"]),
        workday=_workday(row["workday"]),
        due_at=_instant(row["due_at"]),
        started_at=_instant(row["started_at"]),
        closes_at=_instant(row["closes_at"]),
        remind_at=_instant(row["remind_at"]),
        reminder_sent=bool(row["reminder_sent"]),
        answered_at=_instant(row["answered_at"]),
        finished_at=_instant(row["finished_at"]),
        healthy_states=tuple(json.loads(row["healthy_states"])),
        off_states=tuple(json.loads(row["off_states"])),
        goal=row["goal"],
        goal_answer=row["goal_answer"],
        goal_note=row["goal_note"],
        plan_text=row["plan_text"],
        plan_blocks=tuple(
            PlanBlock(start=time.fromisoformat(start), end=time.fromisoformat(end), text=text)
            for start, end, text in blocks
        ),
        plan_results={
            int(index): result for index, result in json.loads(row["plan_results"]).items()
        },
    )


def _span(first: date, last: date) -> set[date]:
    """Every day from first to last inclusive (none if last is before first)."""
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


def _days(joined: str | None) -> set[date]:
    """Days from a group_concat of ISO dates."""
    return {date.fromisoformat(day) for day in joined.split(",")} if joined else set()
