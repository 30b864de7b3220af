def seed_demo_movements(summary):
    """Demo movement models (filled in by the movements app)."""
