"""The only TinyDB user: atomic file, lock, backups, migrations, history, evidence."""
