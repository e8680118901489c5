"""The domain: models, scoring and analysis. Nothing here imports Textual or TinyDB."""
