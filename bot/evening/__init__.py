"""The evening check-in as it runs: the conversation, its jobs, delivery and prompts."""
