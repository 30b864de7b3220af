def seed_demo_awards(summary):
    """Demo award decisions, awards and tributes (filled in by the awards app)."""
