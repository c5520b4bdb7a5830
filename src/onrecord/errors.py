"""Errors a user can cause. Each carries the input it concerns and a one-line reason."""
from __future__ import annotations


class OnrecordError(Exception):
    """A problem with the user's input or environment, reported as one line, never a traceback."""

    def __init__(self, subject: str, reason: str):
        super().__init__(f"{subject}: {reason}")
        self.subject = subject
        self.reason = reason

    def __reduce__(self):               # picklable, so it can cross to and from worker processes
        return self.__class__, (self.subject, self.reason)


class InputError(OnrecordError):
    """An input that cannot be read as an article (missing, empty, binary, undecodable...)."""


class StoreError(OnrecordError):
    """The store cannot be opened or written (unwritable path, locked database...).

    ``lasting``: no later write can succeed either (the disk is full, the file is read-only,
    damaged, gone or closed), so a run stops rather than fail every article after it; a locked
    database is not lasting (the other writer finishes)."""

    def __init__(self, subject: str, reason: str, lasting: bool = False):
        super().__init__(subject, reason)
        self.lasting = lasting

    def __reduce__(self):
        return self.__class__, (self.subject, self.reason, self.lasting)
