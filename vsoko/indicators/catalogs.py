"""Loading the shipped indicator catalogs (YAML files in vsoko/indicators/catalogs/)."""


def load_shipped_catalogs() -> None:
    """Load or update every shipped catalog. Idempotent."""
    # Filled in by the indicator engine.
