-- How many entries each of a user's days holds, kept by triggers: streaks and /stats read a
-- few thousand rows here instead of scanning a ten-year log of entries on every answer.
CREATE TABLE entry_days (
    user_id INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    day     TEXT NOT NULL,
    entries INTEGER NOT NULL CHECK (entries > 0),
    PRIMARY KEY (user_id, day)
) WITHOUT ROWID;

INSERT INTO entry_days (user_id, day, entries)
SELECT user_id, day, COUNT(*) FROM entries GROUP BY user_id, day;

CREATE TRIGGER entry_days_after_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entry_days (user_id, day, entries) VALUES (NEW.user_id, NEW.day, 1)
    ON CONFLICT (user_id, day) DO UPDATE SET entries = entries + 1;
END;

CREATE TRIGGER entry_days_after_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entry_days WHERE user_id = OLD.user_id AND day = OLD.day AND entries = 1;
    UPDATE entry_days SET entries = entries - 1 WHERE user_id = OLD.user_id AND day = OLD.day;
END;

CREATE TRIGGER entry_days_after_move AFTER UPDATE OF day ON entries
WHEN OLD.day != NEW.day BEGIN
    DELETE FROM entry_days WHERE user_id = OLD.user_id AND day = OLD.day AND entries = 1;
    UPDATE entry_days SET entries = entries - 1 WHERE user_id = OLD.user_id AND day = OLD.day;
    INSERT INTO entry_days (user_id, day, entries) VALUES (NEW.user_id, NEW.day, 1)
    ON CONFLICT (user_id, day) DO UPDATE SET entries = entries + 1;
END;
