"""Opening an input file for reading, with the same one-line reasons as ``read_path``."""
from __future__ import annotations

import os
from typing import BinaryIO

from ..errors import InputError


def open_binary(path: str | os.PathLike[str], source: str) -> BinaryIO:
    """The file at ``path`` open for binary reading, or an InputError naming ``source``."""
    try:
        if os.path.isdir(path):
            raise InputError(source, "is a directory, not a file")
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as err:
        raise InputError(source, f"cannot read file ({err.strerror or err.__class__.__name__})") from None


__all__ = ["open_binary"]
