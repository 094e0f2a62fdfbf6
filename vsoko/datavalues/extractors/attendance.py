"""The attendance data values live with their app (vsoko/attendance/datavalues.py); importing the module here
registers them, as the registry imports every module of this package."""

from vsoko.attendance.datavalues import attendance  # noqa: F401
