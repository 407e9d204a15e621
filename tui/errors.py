"""The one exception type that reaches the user as a one-line message."""


class UserError(Exception):
    """Bad input or broken state the user can fix; the CLI prints it on one line and exits non-zero."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
