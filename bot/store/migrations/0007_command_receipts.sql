-- A command that changes something must not do it twice when Telegram delivers it again after
-- a crash (an update is confirmed only after it was handled, so a crash in between repeats
-- it). Its receipt is written in the same transaction as the change, with the answer it gave,
-- so a repeat finds the receipt and answers the same without changing anything again.
CREATE TABLE command_receipts (
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    command TEXT NOT NULL,
    answer TEXT NOT NULL,      -- the reply as sent (HTML); '' when it shows the current state
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, chat_id, message_id)
);
