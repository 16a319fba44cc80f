"""Foundations for talking to Telegram: HTML text helpers, the HTTP transport, rate limits."""
