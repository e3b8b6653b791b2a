"""The one error the team code raises: a sentence the user can act on."""
from __future__ import annotations

from reader.core.errors import UserError


class TeamError(UserError):
    """Anything that stops a team operation: the server unreachable, refused, or sending
    data that cannot be taken.  The local library is unchanged when it is raised."""
