-- Start-up asks for voice notes (and videos) kept but never queued for transcription (a crash between the
-- two). Only kinds with words and notes still without them are in this index, so that
-- question is a lookup among a few rows, not a scan of every attachment of every user.
CREATE INDEX attachments_untranscribed ON attachments (status, user_id, id)
    WHERE kind IN ('voice', 'audio', 'video_note', 'video') AND transcript IS NULL;

-- A channel post (or a group's anonymous admin) forwarded with its author's signature.
ALTER TABLE entries ADD COLUMN forward_signature TEXT;
