"""The command line: a thin shell over Session and the engine."""
