"""fazhi (法智): judicial AI assistance for Chinese courts — an assistant that never decides."""

__version__ = "0.1.0"
