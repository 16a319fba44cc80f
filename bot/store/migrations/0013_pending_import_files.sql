-- The files of a zip made by /export zip, kept with its pending import until the user presses
-- Import (issue 12): the import takes them from here, not from the zip again. They go with
-- their pending import (cancelled, imported, or replaced by the next file).
CREATE TABLE pending_import_files (
    pending_id INTEGER NOT NULL REFERENCES pending_imports (id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (pending_id, path)
);
