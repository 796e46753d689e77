"""The pure engine: evaluate() -> Assessment, one module per requirement type."""
