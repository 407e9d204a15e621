"""The corpus layer: cleaning, sentences, figures, grouping and the YAML store.

Never imports Textual: everything here is usable from scripts and the CLI.
"""
