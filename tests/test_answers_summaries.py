"""Summaries fold in the progress the progress feature recorded, with a digest's baseline."""

from datetime import UTC, datetime

from bot.checkin.models import Opening
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")


async def test_week_digest_moves_from_last_update_before_the_week(harness: BotHarness) -> None:
    api = harness.api
    before = datetime(2023, 1, 4, 12, tzinfo=UTC)  # the week before
    during = datetime(2023, 1, 10, 12, tzinfo=UTC)  # Tuesday of the week asked about
    await harness.feed(api.text_update(ALICE, "《沙丘》 - 10/100", date=before))
    await harness.feed(api.text_update(ALICE, "《沙丘》 - 40/100", date=during))
    await harness.feed(api.command_update(ALICE, "/week 2023-01-10"))
    week = "\n".join(harness.replies(ALICE.id)[-3:])
    assert "沙丘" in week
    assert "10/100 → 40/100" in week
    assert "+30" in week


async def test_summary_never_shows_another_users_progress(harness: BotHarness) -> None:
    bob = FakeUser(202, "Bob", "en")
    day = datetime(2023, 1, 10, 12, tzinfo=UTC)
    await harness.feed(harness.api.text_update(bob, "《Secret Book》 - 5/10", date=day))
    await harness.feed(harness.api.text_update(ALICE, "ran 5k", date=day))
    await harness.feed(harness.api.command_update(ALICE, "/day 2023-01-10"))
    assert "Secret" not in "\n".join(harness.replies(ALICE.id))


async def test_day_folds_in_the_check_in_and_its_states(harness: BotHarness) -> None:
    day = datetime(2023, 1, 10, 13, tzinfo=UTC)
    await harness.feed(harness.api.text_update(ALICE, "wrote docs", date=day))
    store = harness.store
    opening = Opening(
        user_id=ALICE.id,
        day=day.date(),
        step="states",
        review=False,
        workday=None,
        started_at=day,
        closes_at=day,
        remind_at=day,
        due_at=None,
    )
    checkin = await store.checkins.start(opening, reopen=False)
    assert checkin is not None
    await store.checkins.set_states(checkin.id, ["Focused"], ["<Stayed up late>"], now=day)
    await store.checkins.finish(checkin.id, "done", now=day)
    await harness.feed(harness.api.command_update(ALICE, "/day 2023-01-10"))
    reply = harness.last_reply(ALICE.id)
    assert "Check-in" in reply
    assert "Focused" in reply
    assert "<Stayed up late>" in reply  # escaped on the way out, whole in the text
    await harness.feed(harness.api.command_update(ALICE, "/week 2023-01-10"))
    assert "🔥" in "\n".join(harness.replies(ALICE.id)[-2:])
