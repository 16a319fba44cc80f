-- Users and their entries: the foundation every later feature builds on.
CREATE TABLE users (
    user_id    INTEGER PRIMARY KEY,
    chat_id    INTEGER,
    language   TEXT NOT NULL CHECK (language IN ('en', 'zh')),
    timezone   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE entries (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    chat_id    INTEGER,
    message_id INTEGER,
    text       TEXT NOT NULL,
    day        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    source     TEXT NOT NULL DEFAULT 'telegram'
);

-- Telegram re-delivers an update after a crash: the message identifies the entry.
CREATE UNIQUE INDEX entries_by_message ON entries (user_id, chat_id, message_id)
    WHERE message_id IS NOT NULL;
CREATE INDEX entries_by_day ON entries (user_id, day);

-- An edit keeps the text it replaced.
CREATE TABLE entry_revisions (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    day         TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);
CREATE INDEX entry_revisions_by_entry ON entry_revisions (entry_id);
