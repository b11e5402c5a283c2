"""The Textual app. Import only after the UI language is set (binding texts are read at import)."""
