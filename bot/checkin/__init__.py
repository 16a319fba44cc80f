"""The evening self-check: schedule, conversation and reminders."""
