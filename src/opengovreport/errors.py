"""Exceptions for input that cannot be used at all.

Problems *in the data* of a usable document are findings (see
:mod:`opengovreport.findings`), never exceptions. These errors carry what a
user needs to fix the input: the file, the place and the reason.
"""

from __future__ import annotations

from pathlib import Path

import attrs


@attrs.frozen(auto_exc=True, eq=False)
class OpenGovReportError(Exception):
    """Base class of every error raised by opengovreport."""

    reason: str
    file: str | None = None
    pointer: str | None = None
    """JSON Pointer of the offending place, where there is one."""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.pointer is not None:
            where.append(f"at {self.pointer or '/'}")
        return (": ".join([" ".join(where), self.reason]) if where else self.reason)

    def with_file(self, file: str | Path | None) -> "OpenGovReportError":
        """The same error, naming ``file`` if it did not already name one."""
        if file is None or self.file is not None:
            return self
        return attrs.evolve(self, file=str(file))


class InputError(OpenGovReportError):
    """The input cannot be read as a report document at all."""


class NotJSONError(InputError):
    """The bytes are not a JSON document (syntax error, NaN, empty file …)."""


class EncodingError(InputError):
    """The bytes are not UTF-8 text."""


class DuplicateKeyError(InputError):
    """A JSON object repeats a key, so one of the values would be silently lost."""


class EditionError(InputError):
    """The document names no edition, or one this library does not know."""


class DocumentShapeError(InputError):
    """The document's structure cannot be represented as a :class:`Report`."""
