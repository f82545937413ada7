"""Loading and writing report documents."""

from .json_io import decode, dump, dumps, load, parse_json, read_document

__all__ = ["decode", "dump", "dumps", "load", "parse_json", "read_document"]
