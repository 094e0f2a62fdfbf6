"""Signals of the import stage.

`package_imported` is sent after a data package was stored (the transaction is
committed), with the school, the school years (start years, ints) the package
touched and the names of its tables. Receivers (the indicator engine) recompute
what depends on the data.
"""

from django.dispatch import Signal

# Sent as package_imported.send(sender=..., school=OrgUnit, years=[2024, ...], tables=["marks", ...]).
package_imported = Signal()
