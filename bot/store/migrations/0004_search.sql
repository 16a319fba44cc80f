-- Search over entries: a trigram index kept in step by triggers, and the state of paged answers.

-- Contentless: the text lives in entries; the index only needs the trigrams. Each text is
-- indexed with a newline after it, so that every two-character substring, even the last two
-- characters of an entry, begins some trigram: a two-character word (`预算`) is then found by
-- expanding it to the indexed trigrams that start with it (see bot/store/search.py).
CREATE VIRTUAL TABLE entry_grams USING fts5 (
    text, content = '', tokenize = 'trigram'
);
CREATE VIRTUAL TABLE entry_grams_vocab USING fts5vocab (entry_grams, 'row');

INSERT INTO entry_grams (rowid, text) SELECT id, text || char(10) FROM entries;

CREATE TRIGGER entries_grams_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entry_grams (rowid, text) VALUES (new.id, new.text || char(10));
END;

CREATE TRIGGER entries_grams_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entry_grams (entry_grams, rowid, text)
        VALUES ('delete', old.id, old.text || char(10));
END;

CREATE TRIGGER entries_grams_update AFTER UPDATE OF text ON entries BEGIN
    INSERT INTO entry_grams (entry_grams, rowid, text)
        VALUES ('delete', old.id, old.text || char(10));
    INSERT INTO entry_grams (rowid, text) VALUES (new.id, new.text || char(10));
END;

-- A search answer's paging buttons name a row here rather than carry the query: callback data
-- holds 64 bytes, a Chinese query of 22 characters already more. The row names its user, so a
-- button pressed by anyone else (or forged) finds nothing.
CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX saved_searches_by_user ON saved_searches (user_id, id);

-- A file waiting for the user to confirm its import; the text is kept so that the confirmation
-- imports exactly what the preview described.
CREATE TABLE pending_imports (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    content    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX pending_imports_by_user ON pending_imports (user_id, id);
