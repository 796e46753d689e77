"""One module per requirement type; each turns a window's records into a WindowResult."""
