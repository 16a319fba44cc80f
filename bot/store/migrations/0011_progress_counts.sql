-- Counts without a total (`第 19 章`, `Day 12`) are stored as they are: value, unit, total NULL
-- (progress_updates allowed that from the start). What an item needs besides:
-- the total the user gave with /total, in a unit, which turns its counts into a share of the whole.
ALTER TABLE progress_items ADD COLUMN total REAL CHECK (total IS NULL OR total > 0);
ALTER TABLE progress_items ADD COLUMN total_unit TEXT;

-- Which version of the progress reader last read each user's entries. Missing (every user of a
-- database made before this migration) or older than the bot's means their entries are read
-- again at start, once, in one transaction per user; `daylog reparse` does the same by hand.
CREATE TABLE progress_reparses (
    user_id INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    reader  INTEGER NOT NULL,
    done_at TEXT NOT NULL
);

-- The reader every user's entries have been read with, once all were (one row). Start-up asks
-- only this, so it costs the same for ten users as for a million; new users' entries are read
-- by the current reader as they arrive and need no record of their own.
CREATE TABLE progress_reader (
    only   INTEGER PRIMARY KEY CHECK (only = 1),
    reader INTEGER NOT NULL
);
