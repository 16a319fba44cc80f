-- Import speed (issue 14): a big import writes its entries without indexing them for search;
-- a background task indexes them afterwards, a chunk per transaction. Each row here is a run
-- of entry ids written so and not indexed yet: the persistent watermark that lets the task
-- resume after a crash, and that search reads to look through those entries another way.
CREATE TABLE unindexed_entries (
    first_id INTEGER PRIMARY KEY,
    last_id  INTEGER NOT NULL
);

-- The triggers of 0004 again, skipping an entry inside such a run: it is not in the index
-- (deleting it there would corrupt a contentless index), and the task indexes its text as it
-- stands when it reaches it.
DROP TRIGGER entries_grams_insert;
DROP TRIGGER entries_grams_delete;
DROP TRIGGER entries_grams_update;

CREATE TRIGGER entries_grams_insert AFTER INSERT ON entries
WHEN NOT EXISTS (
    SELECT 1 FROM unindexed_entries WHERE first_id <= new.id AND last_id >= new.id
) BEGIN
    INSERT INTO entry_grams (rowid, text) VALUES (new.id, new.text || char(10));
END;

CREATE TRIGGER entries_grams_delete AFTER DELETE ON entries
WHEN NOT EXISTS (
    SELECT 1 FROM unindexed_entries WHERE first_id <= old.id AND last_id >= old.id
) BEGIN
    INSERT INTO entry_grams (entry_grams, rowid, text)
        VALUES ('delete', old.id, old.text || char(10));
END;

CREATE TRIGGER entries_grams_update AFTER UPDATE OF text ON entries
WHEN NOT EXISTS (
    SELECT 1 FROM unindexed_entries WHERE first_id <= old.id AND last_id >= old.id
) BEGIN
    INSERT INTO entry_grams (entry_grams, rowid, text)
        VALUES ('delete', old.id, old.text || char(10));
    INSERT INTO entry_grams (rowid, text) VALUES (new.id, new.text || char(10));
END;
