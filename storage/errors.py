"""The errors storage raises: one for bad input, one for a data file that cannot be used."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from pathlib import Path


class LeanonError(Exception):
    """Base of every error leanon raises on purpose; its text is meant for a person."""


class InvalidInput(LeanonError, ValueError):
    """A value a person typed cannot be logged (score 6, an empty name, an unknown via...)."""


class NotFound(LeanonError, LookupError):
    """An entry or person that was asked for does not exist."""


class DataFileError(LeanonError):
    """The data file cannot be read or written.

    Carries the path, what is wrong and what to do, so every front end can show the same
    plain message. The file is never overwritten when this is raised on read.
    """

    def __init__(self, path: Path | str, problem: str, fix: str = "") -> None:
        from pathlib import Path  # here, not at the top: the quick path never needs it

        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: the file, what is wrong, and the fix."""
        text = f"{self.path}: {self.problem}"
        return f"{text}. {self.fix}" if self.fix else text


class SaveFailed(DataFileError):
    """A write did not reach the disk; the file on disk and the state in memory are the old ones."""
