"""The errors the team code raises: a sentence the user can act on, and a code the window
turns into words of its own language (the sentence stays for the details)."""
from __future__ import annotations

from reader.core.errors import UserError

#: What went wrong, for the window: unreachable · auth · password-in-url · bad-url ·
#: not-member · not-team · schema-newer · schema-older · schema-foreign · lost · refused ·
#: server · cancelled · bad-data · not-connected · no-postgres
CODES = ("unreachable", "auth", "password-in-url", "bad-url", "not-member", "not-team",
         "schema-newer", "schema-older", "schema-foreign", "lost", "refused", "server",
         "cancelled", "bad-data", "not-connected", "no-postgres")


class TeamError(UserError):
    """Anything that stops a team operation: the server unreachable, refused, or sending
    data that cannot be taken.  The local library is unchanged when it is raised."""

    default_code = "server"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.default_code


class BadServerData(TeamError):
    """The server sent something malformed, oversized or inconsistent: refused whole."""

    default_code = "bad-data"


class Cancelled(TeamError):
    """The user stopped the sync: nothing of the unfinished step was kept."""

    default_code = "cancelled"
