__version__: str

def version() -> str:
    """The version of voipkit this module was built from."""
