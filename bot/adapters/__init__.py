"""Adapters that carry messages between people and the brain (terminal, Telegram)."""
