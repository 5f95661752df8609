"""The pure core: turns one message into one reply. No I/O, no clock, no Telegram, no SQL."""
