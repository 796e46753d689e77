"""auditor: compliance checking of ideology-work duties and 三会一课 for a party branch."""

__version__ = "0.1.0"
