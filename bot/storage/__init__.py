"""Persistence of user settings, reminders and progress behind small interfaces."""
