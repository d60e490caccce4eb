"""Whether an official page still answers: a HEAD request (GET where the
server refuses HEAD), with a short timeout.

Only a page that is gone (404, 410) or an address that redirects in a loop
counts as broken. Anything else that stops the check (no network, a
timeout, a server error, a refusal of robots) says nothing about the link:
it is "not checked", never "broken", so a machine without internet (or an
agency's bad hour) raises no false alarm.
"""

from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from linkcheck.internal import WORKS, Verdict
from linkcheck.models import LinkCheck

Result, Reason = LinkCheck.Result, LinkCheck.Reason
GONE_STATUSES = frozenset({404, 410})
TIMEOUT_SECONDS = 5.0
USER_AGENT = "norway-welfare-guide link check (editors' tool)"


def check_official(url: str, timeout: float = TIMEOUT_SECONDS) -> Verdict:
    if urlsplit(url).scheme not in ("http", "https"):
        return Verdict(Result.NOT_CHECKED, Reason.UNREACHABLE, url)
    verdict = ask(url, "HEAD", timeout)
    if verdict.reason == Reason.STATUS:
        # Many servers refuse HEAD (405, 403, 501) but answer GET.
        verdict = ask(url, "GET", timeout)
    return verdict


def ask(url: str, method: str, timeout: float) -> Verdict:
    # http(s) only (check_official checked); urllib follows redirects and stops a loop.
    request = Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urlopen(request, timeout=timeout):  # noqa: S310
            return WORKS
    except HTTPError as error:
        if error.code in GONE_STATUSES:
            return Verdict(Result.BROKEN, Reason.GONE, str(error.code))
        if 300 <= error.code < 400:  # urllib gives up on a loop or too many redirects
            return Verdict(Result.BROKEN, Reason.REDIRECT_LOOP, str(error.code))
        return Verdict(Result.NOT_CHECKED, Reason.STATUS, str(error.code))
    except (URLError, OSError, ValueError) as error:
        return Verdict(Result.NOT_CHECKED, Reason.UNREACHABLE, str(error)[:300])
