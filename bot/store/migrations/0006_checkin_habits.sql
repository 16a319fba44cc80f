-- Each user's own working day, reminder delay and weekly review day for the check-in; NULL in a
-- column means the bot-wide default (WORKDAY, CHECKIN_REMINDER_MINUTES, WEEKLY_REVIEW_DAY), so
-- every existing user keeps what they had.
ALTER TABLE checkin_settings ADD COLUMN workday TEXT;    -- local 'HH:MM-HH:MM', start < end
ALTER TABLE checkin_settings ADD COLUMN reminder_minutes INTEGER
    CHECK (reminder_minutes BETWEEN 1 AND 720);
ALTER TABLE checkin_settings ADD COLUMN review_day INTEGER
    CHECK (review_day BETWEEN 0 AND 6);                    -- 0 Monday to 6 Sunday

-- A check-in keeps the working day it started with, as it keeps its reminder (remind_at) and
-- whether the weekly review follows (review). NULL: started before this column, so WORKDAY.
ALTER TABLE checkins ADD COLUMN workday TEXT;
