"""Extractor modules; each registers its codes with @extractor (vsoko.datavalues.registry)."""
