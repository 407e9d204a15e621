"""The search layer: Whoosh index over the cleaned articles. Never imports Textual."""
