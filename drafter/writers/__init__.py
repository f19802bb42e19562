"""Writers: a Document to a Word file or to plain text."""
