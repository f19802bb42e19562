"""The browser editor of ``drafter serve``: an ASGI app over the same pipeline as the commands."""
