"""guidekit: load, check and render a data-driven self-help guide. No MkDocs in here."""
