"""Running read → analyse → save over many inputs on several processes."""
from .pool import analyse_parallel

__all__ = ["analyse_parallel"]
