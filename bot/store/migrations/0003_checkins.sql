-- The evening check-in: each user's schedule, lists and key goal, their key problems, and one
-- record per user-day holding the conversation's state, so a restart resumes it.

-- One row per user who changed anything; a user without one has the defaults (21:30 daily).
-- The timezone stays in users: it decides the user's day for entries as well.
CREATE TABLE checkin_settings (
    user_id        INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    at             TEXT NOT NULL,              -- local HH:MM
    weekdays       TEXT NOT NULL,              -- digits 0 (Monday) to 6, e.g. '01234'
    enabled        INTEGER NOT NULL DEFAULT 1,
    paused_until   TEXT,                       -- last paused day, inclusive
    healthy_states TEXT,                       -- JSON list; NULL: the defaults of the language
    off_states     TEXT,                       -- JSON list; NULL: the defaults of the language
    goal           TEXT,
    updated_at     TEXT NOT NULL
);

CREATE TABLE checkin_problems (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_at  TEXT
);
CREATE INDEX checkin_problems_by_user ON checkin_problems (user_id, closed_at);

CREATE TABLE checkins (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    day            TEXT NOT NULL,              -- the user's day under review
    status         TEXT NOT NULL
                   CHECK (status IN ('open', 'done', 'missed', 'skipped', 'paused')),
    step           TEXT,                       -- where an open check-in waits
    review         INTEGER NOT NULL DEFAULT 0, -- the weekly review follows the daily steps
    due_at         TEXT,                       -- the scheduled instant; NULL for /checkin
    started_at     TEXT,
    closes_at      TEXT,                       -- the end of the user's day: open then is missed
    remind_at      TEXT,                       -- the next nudge (reminder or snooze), if any
    reminder_sent  INTEGER NOT NULL DEFAULT 0,
    answered_at    TEXT,                       -- the user's last answer
    finished_at    TEXT,
    healthy_states TEXT NOT NULL DEFAULT '[]', -- JSON list of ticked states
    off_states     TEXT NOT NULL DEFAULT '[]',
    goal           TEXT,                       -- the key goal as it was asked about
    goal_answer    TEXT CHECK (goal_answer IN ('yes', 'partly', 'no')),
    goal_note      TEXT,
    plan_text      TEXT,                       -- tomorrow's plan as written
    plan_blocks    TEXT,                       -- JSON [[start, end, text]] read from it
    plan_results   TEXT NOT NULL DEFAULT '{}', -- JSON {block index: result} for yesterday's plan
    UNIQUE (user_id, day)
);
-- The sweep looks for due nudges and ended days among open check-ins only.
CREATE INDEX checkins_open_nudges ON checkins (remind_at) WHERE status = 'open';
CREATE INDEX checkins_open_closing ON checkins (closes_at) WHERE status = 'open';
