"""Import and export: CSV, Excel, JSON, iCalendar."""
