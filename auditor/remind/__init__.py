"""Reminders, working days, notifications and the daily schedule."""
