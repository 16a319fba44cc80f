"""Pure functions that turn stored data into answers: summaries, streaks, pace, charts."""
