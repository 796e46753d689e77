"""Rule files: schema, loading, tailoring, and one module per requirement type."""
