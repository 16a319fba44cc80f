-- Progress: the items a user works through, and every update read from their entries.
CREATE TABLE progress_items (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    title      TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'dropped')),
    target     TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, key)
);

-- Every key that names an item: its own, the spellings fuzzy matching joined to it, and the keys
-- of items merged into it, so a join made once (by /merge or by matching) sticks.
CREATE TABLE progress_aliases (
    user_id INTEGER NOT NULL,
    key     TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES progress_items (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX progress_aliases_by_item ON progress_aliases (item_id);

-- An update belongs to the entry it was read from: /undo and edits take it with them. Updates
-- made by a command (/done) have no entry. `day` is the entry's day, so back-dated entries and
-- imported logs keep their true dates; `created_at` and `position` order updates within a day.
CREATE TABLE progress_updates (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    item_id    INTEGER NOT NULL REFERENCES progress_items (id) ON DELETE CASCADE,
    entry_id   INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    position   INTEGER NOT NULL,
    written    TEXT NOT NULL,
    value      REAL,
    total      REAL,
    unit       TEXT NOT NULL,
    completed  INTEGER NOT NULL CHECK (completed IN (0, 1))
);
CREATE INDEX progress_updates_by_item ON progress_updates (item_id, day, created_at, position);
CREATE INDEX progress_updates_by_entry ON progress_updates (entry_id);
-- A user's updates item by item: /progress and name lookups read these without the other users'.
CREATE INDEX progress_updates_by_user ON progress_updates (user_id, item_id, day);

-- An item whose last update went (its entry undone or edited away) was only ever a guess; it goes
-- too, so a misread title does not linger and attract later fuzzy matches.
CREATE TRIGGER progress_items_without_updates
AFTER DELETE ON progress_updates
WHEN NOT EXISTS (SELECT 1 FROM progress_updates WHERE item_id = OLD.item_id)
BEGIN
    DELETE FROM progress_items WHERE id = OLD.item_id;
END;
