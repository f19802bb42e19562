"""The logic of CLI commands that need more than a line or two, one module per command."""
