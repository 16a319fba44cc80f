-- Check-ins from a due-time index instead of one scheduler job per user, and pauses as ranges.
--
-- checkin_due holds, for every user, the UTC instant of their next scheduled check-in. The
-- scheduler loop asks only for rows due by now (the index), so a restart reads nothing per
-- user. due_at '' means "not planned yet": it sorts before every instant, so the loop plans
-- it on its next pass (new users, and every user of a database migrated from before this).
-- NULL means nothing is scheduled (check-ins off).
--
-- A row is claimed by moving due_at to the end of a lease and keeping the instant it was due
-- in claimed_due (COALESCE keeps the first one if a lease ran out and it is claimed again);
-- the conditional UPDATE makes a claim exclusive even between processes sharing the file.
CREATE TABLE checkin_due (
    user_id     INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    due_at      TEXT,                       -- UTC ISO instant, '' to plan, NULL when off
    claimed_due TEXT                        -- while claimed: the instant it was due at
);
CREATE INDEX checkin_due_by_time ON checkin_due (due_at) WHERE due_at IS NOT NULL;

INSERT INTO checkin_due (user_id, due_at)
    SELECT u.user_id, CASE WHEN COALESCE(s.enabled, 1) = 1 THEN '' END
    FROM users u LEFT JOIN checkin_settings s ON s.user_id = u.user_id;

-- Every way a user comes to exist (a first message, an import) gets their check-in planned.
CREATE TRIGGER users_plan_checkin AFTER INSERT ON users
BEGIN
    INSERT INTO checkin_due (user_id, due_at) VALUES (NEW.user_id, '')
        ON CONFLICT (user_id) DO NOTHING;
END;

-- A pause is one row per range (it was one 'paused' check-in row per day, so a pause to the
-- year 2999 wrote 355,000 rows). Earlier 'paused' rows stay and still count as paused days.
CREATE TABLE checkin_pauses (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    first_day TEXT NOT NULL,                -- the first paused day, inclusive
    last_day  TEXT NOT NULL,                -- the last paused day, inclusive
    CHECK (first_day <= last_day)
);
CREATE INDEX checkin_pauses_by_user ON checkin_pauses (user_id, first_day);

