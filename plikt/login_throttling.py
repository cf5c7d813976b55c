"""Admin login throttling with django-axes that nobody can turn against the editors.

django-axes counts failed sign-ins in the database (``AccessAttempt`` rows, shared by every
process) for each group in ``AXES_LOCKOUT_PARAMETERS``, and locks a group once its count
reaches the limit. Two groups here:

- ``["username", "ip_address"]``: one username from one address, ``AXES_FAILURE_LIMIT`` (5).
  Guessing one editor's password stops quickly, yet a stranger elsewhere cannot lock that
  editor out, and one person's typos lock nobody else in the same office.
- ``"ip_address"``: every username from one address, ``PLIKT_ADDRESS_FAILURE_LIMIT`` (30),
  much higher, so an office behind one address is not locked by a few colleagues' typos,
  while one address trying a common password against many usernames (password spraying)
  is still stopped.

django-axes 8 compares every group with the one ``AXES_FAILURE_LIMIT``; it has no limit per
group. ``AxesHandler`` adds that with the least change: ``get_failures`` (what axes compares
with the limit, both when deciding and when recording a failure) reports each group's count
in units of ``AXES_FAILURE_LIMIT``, so a group at its own limit reads as
``AXES_FAILURE_LIMIT``. A successful sign-in forgives that editor's own failures from that
address only, not the other failures counted against the address.

The lockout page (``lockout_response``) says when signing in works again: every attempt
during a lockout, even with the right password, counts as a failure and starts the cool-off
(``AXES_COOLOFF_TIME``) again, so it ends that long after this attempt.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def _limit_for(parameter, combination_limit: int) -> int:
    if parameter == "ip_address":
        return settings.PLIKT_ADDRESS_FAILURE_LIMIT
    return combination_limit


class AxesHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a limit for each lockout parameter group."""

    def get_failures(self, request, credentials=None) -> int:
        limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            count = sum(attempts.values_list("failures_since_start", flat=True))
            worst = max(worst, count * limit // _limit_for(parameter, limit))
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, with the time signing in works again."""
    cool_off = get_cool_off(request)
    context = {"cool_off_minutes": int(cool_off.total_seconds() // 60)}
    context["retry_at"] = timezone.localtime(timezone.now() + cool_off)
    return render(request, "plikt/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
