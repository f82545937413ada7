"""The fastest path for JSON text: parse and check the schema in one pass with msgspec.

Used by :func:`opengovreport.validation.fast.validate_bytes` when the optional
``msgspec`` package is installed (``pip install opengovreport[fast]``). Like the rest
of fast validation it only answers "is there certainly nothing wrong with the schema
here?", and gives up on anything it is unsure of; the next parser then reads the
bytes, so the findings are the same with or without it.

Each edition's report schema (itself generated from the edition definition) becomes
a tree of ``msgspec.Struct`` types: required members are fields without a default,
``additionalProperties: false`` forbids unknown fields, whole-number cells are
``int | None`` with their minimum, strings carry their pattern and minimum length,
enums and consts are ``Literal``. msgspec then parses and checks a document in C,
about as fast as orjson merely parses it. What msgspec types cannot say is checked
afterwards by one generated function per edition (:class:`_Extractor`), which also
collects the cell values in printed order:

* money and percentage cells arrive as the raw text of the number
  (``msgspec.Raw``) and become ``int`` or ``Decimal`` exactly as the exact parser
  makes them (the printed digits are kept: ``12.50`` stays ``Decimal('12.50')``);
* ``format`` (dates), ``minProperties`` and ``uniqueItems``;
* repeated keys, which msgspec lets through (the last wins): the document must
  account for every ``:`` of the text, as in :func:`~opengovreport.validation.fast._strict`;
* documents with ``extensions`` are left to the other parsers (rare, free-form).

A document whose rules need the document itself (the issuer, for one rule) gets it
parsed again, lazily, only when a rule asks (:class:`~opengovreport.model.lazy.LazyDocument`).
"""

from __future__ import annotations

import decimal
import re
from typing import Any, Callable

from functools import partial
from operator import itemgetter

from ..editions import Edition
from ..findings import ValidationReport
from ..model.lazy import LazyDocument
from ..rules.base import ABSENT

__all__ = ["typed_check"]

_LONGEST_NUMBER = 4000
"""Longer number texts are left to the other parsers (Python refuses to make ints of more
than 4300 digits from text)."""


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class _Unusable:
    """Returned by the number reader for a value the typed path cannot vouch for."""

    __slots__ = ()


UNUSABLE: Any = _Unusable()


def _raw_number(raw: Any, minimum: Any) -> Any:
    """The value of a money or percentage cell from its raw JSON text, as the exact parser
    makes it (null → None, integers → int, fractions and exponents → Decimal)."""
    text = bytes(raw)
    first = text[0]
    if first == 0x6E:  # "n": valid JSON (msgspec parsed it) starting so is null
        return None
    if not (0x30 <= first <= 0x39 or first == 0x2D) or len(text) > _LONGEST_NUMBER:
        return UNUSABLE  # a string, object, array, true or false; or too long
    # msgspec has parsed the text as JSON, so this is a number as the JSON grammar has it.
    if 0x2E in text or 0x65 in text or 0x45 in text:  # ".", "e", "E"
        value: Any = decimal.Decimal(text.decode("ascii"))
    else:
        value = int(text)
    if minimum is not None and value < minimum:
        return UNUSABLE
    return value


class _Extractor:
    """Builds the msgspec types of one edition's resolved schema and the source of
    ``extract(d)``: (cell values in printed order, number of ``:`` accounted for), or None."""

    def __init__(self, edition: Edition) -> None:
        import msgspec

        self.msgspec = msgspec
        self.edition = edition
        self.cells = {cell.pointer: index for index, cell in enumerate(edition.cells)}
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.names = 0
        self.segments: list[tuple[str, list[int]]] = []
        """(local name, the cells it holds): ``cN`` one cell, ``tN`` a row's tuple of cells."""

    def var(self, prefix: str = "x") -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def constant(self, value: Any) -> str:
        name = f"K{len(self.constants)}"
        self.constants[name] = value
        return name

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def fail_unless(self, depth: int, condition: str) -> None:
        self.emit(depth, f"if not ({condition}): return None")

    # -- types -------------------------------------------------------------------------------

    def build(self, schema: dict[str, Any]) -> tuple[Any, str]:
        root = self.type_of(schema, "", "d", 1)
        order = [index for _, indices in self.segments for index in indices]
        if sorted(order) != list(range(len(self.cells))):
            raise NotImplementedError("some cells are not reached by the schema")
        everything = ", ".join(name if name.startswith("c") else f"*{name}" for name, _ in self.segments)
        self.emit(1, f"values = ({everything},)")
        if order != list(range(len(order))):
            permutation = [order.index(i) for i in range(len(order))]
            self.emit(1, f"values = {self.constant(itemgetter(*permutation))}(values)")
        self.emit(1, "return values, n")
        return root, "def extract(d):\n    n = 0\n" + "\n".join(self.lines) + "\n"

    def absent(self, segments: list[tuple[str, list[int]]]) -> str:
        """The statement that marks the cells of ``segments`` as absent (their part is left out)."""
        parts = [f"{name} = ABSENT" if name.startswith("c") else f"{name} = {self.constant((ABSENT,) * len(indices))}"
                 for name, indices in segments]
        return "; ".join(parts) or "pass"

    def type_of(self, schema: dict[str, Any], pointer: str, x: str, depth: int) -> Any:
        """The msgspec type of ``schema``; emits, at ``depth``, the checks of ``x`` it leaves."""
        from typing import Annotated, Literal, Optional

        msgspec = self.msgspec
        if "const" in schema or "enum" in schema:
            allowed = (schema["const"],) if "const" in schema else tuple(schema["enum"])
            if not all(type(v) is str for v in allowed):
                raise NotImplementedError(f"only string enums and consts, at {pointer or '/'}")
            if any(":" in value for value in allowed):
                self.emit(depth, f"n += {x}.count(':')")
            return Literal[allowed]
        types = schema.get("type")
        if types == "object":
            return self.object(schema, pointer, x, depth)
        if types == "string":
            meta: dict[str, Any] = {}
            if "pattern" in schema:
                meta["pattern"] = schema["pattern"]
            if "minLength" in schema:
                meta["min_length"] = int(schema["minLength"])
            if "format" in schema:
                self.fail_unless(depth, f"CONFORMS({x}, {schema['format']!r})")
            self.emit(depth, f"n += {x}.count(':')")
            return Annotated[str, msgspec.Meta(**meta)] if meta else str
        if types == "integer":
            return Annotated[int, self.int_meta(schema)]
        if types == "array":
            item = self.var()
            self.emit(depth, f"for {item} in {x}:")
            start = len(self.lines)
            item_type = self.type_of(schema["items"], pointer + "/*", item, depth + 1)
            if len(self.lines) == start:
                self.lines.pop()
            if schema.get("uniqueItems"):
                if schema["items"].get("type") != "string":
                    raise NotImplementedError(f"uniqueItems only over strings, at {pointer or '/'}")
                self.fail_unless(depth, f"len(set({x})) == len({x})")
            if "minItems" in schema:
                return Annotated[list[item_type], msgspec.Meta(min_length=int(schema["minItems"]))]  # type: ignore[valid-type]
            return list[item_type]  # type: ignore[valid-type]
        if types == ["integer", "null"]:
            return Optional[Annotated[int, self.int_meta(schema)]]
        raise NotImplementedError(f"fast validation does not know {schema!r} at {pointer or '/'}")

    def int_meta(self, schema: dict[str, Any]) -> Any:
        # Integers past 64 bits go to the other parsers: Python's own parser refuses those
        # of more than 4300 digits, and that refusal is what the user must see.
        return self.msgspec.Meta(ge=schema.get("minimum", _INT64_MIN), le=_INT64_MAX)

    def object(self, schema: dict[str, Any], pointer: str, x: str, depth: int) -> Any:
        msgspec = self.msgspec
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        additional = schema.get("additionalProperties", True)
        if not properties or additional is not False:
            raise NotImplementedError(f"an object without its members listed, at {pointer or '/'}")
        names = {name: f"f{position}" for position, name in enumerate(properties)}
        members = sum(1 for name in properties if name in required)
        key_colons = sum(name.count(":") for name in required)
        self.emit(depth, f"n += {members + key_colons}")
        optional_count = []
        fields: list[tuple[Any, ...]] = []
        whole_row = all(f"{pointer}/{name}" in self.cells and child.get("type") == ["integer", "null"]
                        and name in required for name, child in properties.items())
        if whole_row:
            # A printed row of whole numbers: its cells in one C call, in field order.
            t = self.var("t")
            self.emit(depth, f"{t} = ASTUPLE({x})")
            self.segments.append((t, [self.cells[f"{pointer}/{name}"] for name in properties]))
        for name, child in properties.items():
            child_pointer = f"{pointer}/{name}"
            field = names[name]
            y = self.var()
            is_required = name in required
            if child_pointer in self.cells:
                index = self.cells[child_pointer]
                kind = child.get("type")
                if not whole_row:
                    self.emit(depth, f"c{index} = {x}.{field}")
                    self.segments.append((f"c{index}", [index]))
                if kind == ["number", "null"]:
                    if not is_required:
                        self.emit(depth, f"if c{index} is not UNSET:")
                    inner = depth + (0 if is_required else 1)
                    self.emit(inner, f"c{index} = NUMBER(c{index}, {child.get('minimum')!r})")
                    self.fail_unless(inner, f"c{index} is not UNUSABLE")
                    child_type: Any = msgspec.Raw
                elif kind == ["integer", "null"]:
                    child_type = self.type_of(child, child_pointer, y, depth)
                else:
                    raise NotImplementedError(f"a cell of type {kind!r}")
                if not is_required:
                    self.emit(depth, f"if c{index} is UNSET: c{index} = ABSENT")
                    self.emit(depth, f"else: n += {1 + name.count(':')}")
                    optional_count.append(f"c{index} is not ABSENT")
            elif child_pointer == "/extensions":
                # Free-form rows by name: left to the other parsers.
                if is_required:
                    raise NotImplementedError("required extensions")
                self.fail_unless(depth, f"{x}.{field} is UNSET")
                child_type = msgspec.Raw
            else:
                start = len(self.lines)
                self.emit(depth, f"{y} = {x}.{field}")
                if is_required:
                    child_type = self.type_of(child, child_pointer, y, depth)
                    if len(self.lines) == start + 1:
                        self.lines.pop()  # nothing to check beyond msgspec's type
                else:
                    self.emit(depth, f"if {y} is UNSET:")
                    placeholder = len(self.lines)
                    self.emit(depth + 1, "pass")
                    self.emit(depth, "else:")
                    self.emit(depth + 1, f"n += {1 + name.count(':')}")
                    first_segment = len(self.segments)
                    child_type = self.type_of(child, child_pointer, y, depth + 1)
                    self.lines[placeholder] = "    " * (depth + 1) + self.absent(self.segments[first_segment:])
                    optional_count.append(f"{y} is not UNSET")
            if is_required:
                fields.append((field, child_type))
            else:
                fields.append((field, child_type, msgspec.UNSET))
        if "minProperties" in schema:
            minimum = int(schema["minProperties"])
            self.fail_unless(depth, f"{len(required)} + {' + '.join(f'({c})' for c in optional_count) or '0'}"
                                    f" >= {minimum}")
        # msgspec: fields without defaults first (a whole row has no defaults: order kept)
        fields.sort(key=lambda field: len(field) == 3)
        return msgspec.defstruct(
            self.var("Struct"), fields, rename={field: name for name, field in names.items()},
            forbid_unknown_fields=True,
        )


class TypedCheck:
    """msgspec's decoder of one edition's documents and the function that finishes the check."""

    def __init__(self, edition: Edition) -> None:
        import msgspec

        from ..schema.files import format_checker
        from .fast import plan, resolved_schema

        extractor = _Extractor(edition)
        root, source = extractor.build(resolved_schema(edition))
        namespace: dict[str, Any] = {
            **extractor.constants,
            "ABSENT": ABSENT,
            "UNSET": msgspec.UNSET,
            "UNUSABLE": UNUSABLE,
            "NUMBER": _raw_number,
            "ASTUPLE": msgspec.structs.astuple,
            "CONFORMS": format_checker().conforms,
        }
        exec(compile(source, f"<opengovreport typed check, edition {edition.code}>", "exec"), namespace)
        self.source = source
        self.decode: Callable[[bytes], Any] = msgspec.json.Decoder(root).decode
        self.extract: Callable[[Any], tuple[tuple[Any, ...], int] | None] = namespace["extract"]
        self.errors = (msgspec.DecodeError, msgspec.ValidationError)
        self.decode_document: Callable[[bytes], Any] = msgspec.json.Decoder(float_hook=decimal.Decimal).decode
        self.plan = plan(edition)

    def report(self, body: bytes, file: str | None) -> ValidationReport | None:
        """The validation report of the JSON text ``body`` (no BOM), or None when unsure."""
        try:
            extracted = self.extract(self.decode(body))
        except self.errors:
            return None
        if extracted is None:
            return None
        values, colons = extracted
        if not colons_match(body, colons):
            return None
        # The document itself is parsed again (exactly as the exact parser makes it: the text
        # is a schema-valid document without repeated keys) only if a rule asks for it.
        return self.plan.validate(values, LazyDocument(partial(self.decode_document, body)), file)


def colons_match(body: bytes, colons: int) -> bool:
    """Whether the text holds exactly the ``:`` its parsed document accounts for.

    Every ":" of a JSON text ends a member's name or lies inside a string (written as is,
    or escaped as \\u003a). Counted in the text, there are exactly as many as the parsed
    document accounts for unless a key was repeated (counting "\\u003a" too only errs
    towards the careful parse).
    """
    # (A one-byte search is a memchr, many times faster than looking for two bytes; and
    # bytes.replace finds the colons faster than bytes.count counts them.)
    escaped = body.count(b"\\u003a") + body.count(b"\\u003A") if b"\\" in body else 0
    return len(body) - len(body.replace(b":", b"")) + escaped == colons


def typed_check(edition: Edition) -> TypedCheck | None:
    """The typed check of ``edition``, or None without msgspec (built on first use, kept on the Edition)."""
    try:
        import msgspec  # noqa: F401
    except ImportError:  # optional: without it the other parsers do the work
        return None
    return edition.derived(TypedCheck, TypedCheck)


_EDITION = re.compile(rb'"edition"\s*:\s*"([0-9]{4})"')


def edition_hint(body: bytes) -> str | None:
    """The edition a JSON text names, found without parsing (the typed check confirms it)."""
    match = _EDITION.search(body)
    return match.group(1).decode("ascii") if match else None
