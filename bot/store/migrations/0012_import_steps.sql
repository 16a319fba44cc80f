-- An import must not lose anything halfway (issue 14, item 8).
-- The file is read once, at the preview: its entries are kept here as JSON (`content` stays ''
-- for such rows; older rows still hold the file's text and are read again).
ALTER TABLE pending_imports ADD COLUMN entries TEXT;
-- Imported entries whose progress is still to be recorded. Rows are written in the transaction
-- that adds the entries and removed once the progress is stored; whatever a crash leaves here
-- is recorded at the next start (recording an entry's progress again replaces it, so a row
-- seen twice does no harm).
CREATE TABLE progress_backlog (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL
);
CREATE INDEX progress_backlog_by_user ON progress_backlog (user_id, entry_id);
