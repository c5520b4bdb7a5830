"""Opening input files, with one set of one-line reasons for what can go wrong."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from ..errors import InputError


@contextmanager
def os_errors(source: str) -> Iterator[None]:
    """Turn the errors of opening and reading a file into an InputError naming ``source``."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a file") from None
    except OSError as err:
        raise InputError(source, f"cannot read file ({err.strerror or err.__class__.__name__})") from None


def open_binary(path: str | os.PathLike[str], source: str) -> BinaryIO:
    """The file at ``path`` open for binary reading, or an InputError naming ``source``."""
    with os_errors(source):
        if os.path.isdir(path):
            raise IsADirectoryError(path)
        return open(path, "rb")


__all__ = ["open_binary", "os_errors"]
