-- Imported entries kept the offset of the user's timezone in created_at (`12:00:00+08:00`),
-- while entries from the chat are in UTC; the columns are sorted as text, so the two mixed
-- out of time order. Every stored moment is now UTC (bot/store/database.py utc_text); this
-- rewrites the older ones. SQLite's strftime reads the offset and gives UTC.
UPDATE entries SET created_at = strftime('%Y-%m-%dT%H:%M:%S', created_at) || '+00:00'
    WHERE created_at NOT LIKE '%+00:00';
UPDATE progress_updates SET created_at = strftime('%Y-%m-%dT%H:%M:%S', created_at) || '+00:00'
    WHERE created_at NOT LIKE '%+00:00';
UPDATE progress_items SET created_at = strftime('%Y-%m-%dT%H:%M:%S', created_at) || '+00:00'
    WHERE created_at NOT LIKE '%+00:00';
