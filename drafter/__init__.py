"""drafter: drafting assistant for UN General Assembly cooperation resolutions, in English and French."""

__version__ = "0.1.0"
