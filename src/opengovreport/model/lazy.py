"""A report document made only when something asks for more than it is given at once."""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping


class LazyDocument(Mapping[str, Any]):
    """A document for the rules whose ``make()`` runs on first use of a member not in ``known``.

    Fast validation has a report's cells as values already; most reports never need the
    document itself (one rule reads the issuer), so it is parsed or assembled only if asked.
    """

    __slots__ = ("_make", "_known", "_document")

    def __init__(self, make: Callable[[], dict[str, Any]], known: Mapping[str, Any] | None = None) -> None:
        self._make = make
        self._known = known
        self._document: dict[str, Any] | None = None

    def full(self) -> dict[str, Any]:
        """The whole document (made now if it was not yet)."""
        if self._document is None:
            self._document = self._make()
        return self._document

    def __getitem__(self, key: str) -> Any:
        if self._known is not None and key in self._known:
            return self._known[key]
        return self.full()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())
