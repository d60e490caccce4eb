"""Admin login lockout with two limits: one per user name at one address, one
per address across user names.

django-axes counts failed logins per each group of AXES_LOCKOUT_PARAMETERS
(settings: user name and address, then address alone) but compares every
count with the one AXES_FAILURE_LIMIT. Here each count meets its own limit:
five wrong passwords for one user name lock that name at that address only,
so nobody elsewhere can lock an editor out; thirty failures from one address,
whatever the user names, lock the address (password spraying).
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class UserAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes has no types
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The failures that count, on the scale of AXES_FAILURE_LIMIT: at or
        above it once either limit is reached."""
        for_user_at_address, for_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if for_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(for_user_at_address, settings.AXES_FAILURE_LIMIT)
        return int(for_user_at_address)
