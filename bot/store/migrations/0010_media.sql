-- Voice notes, audio, round videos, photos and files kept with their entry (bot/media/).
-- A row is written as soon as the message arrives, before the download: Telegram's file id
-- alone can send the file back, so nothing the user sent is lost when a download fails, a file
-- is over the Bot API's 20 MB or the user's quota.
CREATE TABLE attachments (
    id             INTEGER PRIMARY KEY,
    entry_id       INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    -- The message's id: an album's pictures arrive as messages of their own, in any order,
    -- and are listed in the order sent.
    position       INTEGER NOT NULL DEFAULT 0,
    media_group_id TEXT,                        -- Telegram's album id
    kind           TEXT NOT NULL
                   CHECK (kind IN ('voice', 'audio', 'video_note', 'video', 'photo', 'document')),
    file_id        TEXT NOT NULL,               -- Telegram's, to send it back without re-upload
    file_unique_id TEXT NOT NULL,               -- Telegram's, the same for the same file
    sha256         TEXT,                        -- the stored file's name; NULL until it is kept
    size           INTEGER,                     -- bytes
    duration       INTEGER,                     -- seconds (voice, audio, video)
    mime_type      TEXT,
    file_name      TEXT,                        -- as the user sent it; shown, never a path
    width          INTEGER,
    height         INTEGER,
    -- stored: on disk; pending: not fetched yet; too_big: over 20 MB; over_quota: over
    -- MEDIA_QUOTA_MB; failed: the download failed (a corrupt or vanished file).
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'stored', 'too_big', 'over_quota', 'failed')),
    transcript     TEXT,                        -- what was said, once transcribed
    created_at     TEXT NOT NULL,
    UNIQUE (entry_id, position)
);
CREATE INDEX attachments_by_user ON attachments (user_id, sha256);
CREATE INDEX attachments_by_album ON attachments (user_id, media_group_id)
    WHERE media_group_id IS NOT NULL;

-- Voice waiting for its transcript. Rows, not tasks in memory, so a note that arrived just
-- before a crash is transcribed after the restart; `running` rows go back to `pending` then.
CREATE TABLE transcription_jobs (
    id             INTEGER PRIMARY KEY,
    attachment_id  INTEGER NOT NULL UNIQUE REFERENCES attachments (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    chat_id        INTEGER,                     -- where the "transcribing…" reply is
    reply_id       INTEGER,                     -- that reply, edited with the transcript
    language       TEXT,                        -- the user's language, the model's hint
    state          TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    error          TEXT,                        -- why the last attempt failed (no secrets)
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX transcription_jobs_waiting ON transcription_jobs (state, id);

-- A forwarded message keeps where it came from (Telegram's forward_origin): a channel's
-- title or a person's name, and when it was first sent.
ALTER TABLE entries ADD COLUMN forward_kind TEXT;   -- user, hidden_user, chat, channel
ALTER TABLE entries ADD COLUMN forward_from TEXT;
ALTER TABLE entries ADD COLUMN forward_date TEXT;   -- UTC, as every stored moment
