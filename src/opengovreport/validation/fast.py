"""Fast validation: checks compiled from the edition's schema and rules, with exact fallbacks.

:func:`opengovreport.validate` gives the same findings whichever way it gets them.
jsonschema is the reference for the schema and the rule evaluators for the rules;
this module only answers, quickly, the question "is there certainly nothing to
report here?":

* **Schema.** The report schema (itself generated from the edition definition) is
  compiled into one Python function per edition that checks every keyword the
  schema uses (types, minimums, required and additional members, patterns, enums,
  formats …) and collects the cell values in printed order. It says "valid" only
  when jsonschema would find nothing; for any document it is unsure about, the
  document goes to jsonschema (with ``$ref``\\ s resolved beforehand, which gives
  the same errors several times faster).
* **Rules.** A rule that is a fixed list of relations (:class:`~opengovreport.rules.base.Relations`)
  is checked relation by relation on the collected values; only a relation that
  does not plainly hold (a blank, a failure, a non-integer operand) is decided by
  the code of the rule's evaluator (:class:`~opengovreport.rules.base.RelationPlan`),
  which writes the finding. Other rules have a ``quick`` check that says when they
  certainly have no finding; otherwise their evaluator runs.

Everything compiled is built on first use and kept on the :class:`Edition` object
(:meth:`Edition.derived`), never at import time nor in module-level caches.

For JSON files there is one more shortcut (:func:`validate_bytes`): when the
optional ``orjson`` package is installed, the bytes are parsed with it, and the
result is used only if it is certainly what the exact parser
(:func:`opengovreport.io.json_io.parse_json`) would give: no fractional number
(those must become :class:`~decimal.Decimal`) and no repeated key (counted: every
``:`` of a JSON text is a member's or lies inside a string). Otherwise the exact
parser reads the bytes again.
"""

from __future__ import annotations

import decimal
import math
import re
from operator import itemgetter
from typing import Any, Callable, Mapping, Sequence

from ..editions import EDITION_CODES, CellKind, Edition, get_edition
from ..findings import Finding, ValidationReport, sort_findings
from ..rules import rules_for
from ..rules.base import ABSENT, RelationPlan, Relations, Rule, RuleInput, relation_plan
from .typed import colons_match, edition_hint, typed_check

__all__ = ["focused_validator", "plan", "reference_validator", "resolved_schema", "validate_bytes",
           "validate_document"]

_COMMON_REF = "common.schema.json#/$defs/"
_BOM = b"\xef\xbb\xbf"


# -- the schema, resolved --------------------------------------------------------------------


def resolved_schema(edition: Edition) -> dict[str, Any]:
    """The packaged report schema of ``edition`` with every ``$ref`` to the common schema inlined.

    Built once and kept on the Edition: every compiled check reads it, none changes it (a
    variant is a new dict, see :func:`_skipping` and :func:`metadata_schema`).
    """
    return edition.derived("opengovreport.validation.fast:resolved", _resolve)


def _resolve(edition: Edition) -> dict[str, Any]:
    from ..schema.files import load_schema
    from ..schema.generate import COMMON, report_schema_name

    common = load_schema(COMMON)["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_COMMON_REF):
                target = inline(common[ref[len(_COMMON_REF):]])
                return {**target, **{k: inline(v) for k, v in node.items() if k != "$ref"}}
            if ref is not None:
                raise ValueError(f"cannot resolve $ref {ref!r}")
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    result: dict[str, Any] = inline(load_schema(report_schema_name(edition.code)))
    return result


def reference_validator(edition: Edition) -> Any:
    """The jsonschema validator of the resolved schema (same errors as the packaged one)."""

    def build(e: Edition) -> Any:
        from ..schema.files import format_checker, validator_class

        return validator_class()(resolved_schema(e), format_checker=format_checker())

    return edition.derived("opengovreport.validation.fast:reference_validator", build)


def focused_validator(edition: Edition, document: Mapping[str, Any]) -> Any:
    """The reference validator for ``document``, told to skip the parts of the document
    that certainly have no error: the same errors in the same order, found sooner.

    A document the fast checks cannot vouch for usually has one thing wrong; jsonschema
    would still walk all 200 cells. Each member of an object is checked on its own by a
    compiled check (see :class:`_Compiler`), going down only into members that fail it;
    the members it vouches for get ``true`` as their schema, which jsonschema passes over
    (the objects' own keywords, such as ``required`` and ``additionalProperties``, stay).
    """
    checks = edition.derived("opengovreport.validation.fast:member_checks", _member_checks)
    schema = resolved_schema(edition)
    skipped: list[tuple[str, ...]] = []

    def look(node: dict[str, Any], value: Any, path: tuple[str, ...]) -> None:
        for name, sub in node.get("properties", {}).items():
            if name not in value:
                continue
            if checks[path + (name,)](value) is not None:
                skipped.append(path + (name,))
            elif isinstance(value[name], dict) and "properties" in sub:
                look(sub, value[name], path + (name,))

    look(schema, document, ())
    if not skipped:
        return reference_validator(edition)
    key = frozenset(skipped)
    validators: dict[frozenset[tuple[str, ...]], Any] = edition.derived(
        "opengovreport.validation.fast:focused", lambda e: {})
    focused = validators.get(key)
    if focused is None:
        from ..schema.files import format_checker, validator_class

        focused = validator_class()(_skipping(schema, skipped), format_checker=format_checker())
        if len(validators) < _FOCUSED_KEPT:
            validators[key] = focused
    return focused


def _skipping(schema: dict[str, Any], paths: list[tuple[str, ...]]) -> dict[str, Any]:
    """A copy of ``schema`` with ``true`` as the schema of the members at ``paths`` (only the
    objects on the way are copied)."""
    here = {path[0]: path[1:] for path in paths if len(path) == 1}
    deeper: dict[str, list[tuple[str, ...]]] = {}
    for path in paths:
        if len(path) > 1:
            deeper.setdefault(path[0], []).append(path[1:])
    properties = {
        name: True if name in here else _skipping(sub, deeper[name]) if name in deeper else sub
        for name, sub in schema["properties"].items()
    }
    return {**schema, "properties": properties}


_FOCUSED_KEPT = 256
"""Focused validators kept per edition (one per set of parts skipped)."""


def _member_checks(edition: Edition) -> dict[tuple[str, ...], Callable[[Any], Any]]:
    """Path of every member of every object in the schema → a compiled check of that member
    alone, applied to the object holding it (None unless the member is valid)."""
    checks: dict[tuple[str, ...], Callable[[Any], Any]] = {}

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        for name, sub in node.get("properties", {}).items():
            checks[path + (name,)] = compile_schema_check(
                edition, strict=False, name=f"check of /{'/'.join(path + (name,))}",
                schema={"type": "object", "properties": {name: sub}})
            if isinstance(sub, dict) and "properties" in sub:
                walk(sub, path + (name,))

    walk(resolved_schema(edition), ())
    return checks


# -- compiling the schema --------------------------------------------------------------------

_IGNORED = {"$schema", "$id", "title", "description", "$comment", "examples", "default"}


class _Scope:
    """The cells gathered in one part of the document that is there or not as a whole."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, list[int]]] = []
        """(tuple variable, the cell indices it holds in order)."""


class _Compiler:
    """Writes the source of ``check(d)`` for one edition's resolved schema.

    ``check`` returns None when it is not certain that jsonschema finds nothing, else the
    tuple of cell values in printed order (``ABSENT`` for cells of a table left out); in
    strict mode it returns (values, colons): the number of ``:`` the JSON text must hold
    (one per member, plus those inside strings) if no key is repeated, and it refuses
    floats (the exact parser would have made them Decimal).

    The cells of a printed row are fetched with one ``itemgetter`` and checked in bulk
    (the types of all count cells as one set); everything else is checked one by one.
    """

    def __init__(self, edition: Edition, strict: bool, with_cells: bool = True) -> None:
        self.edition = edition
        self.strict = strict
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.names = 0
        self.cells = {cell.pointer: index for index, cell in enumerate(edition.cells)} if with_cells else {}
        self.cell_schemas: dict[int, dict[str, Any]] = {}
        self.all_rows: list[tuple[str, list[int]]] = []
        self.absent_rows: list[tuple[str, int]] = []
        self.scope = _Scope()

    def constant(self, value: Any) -> str:
        for name, known in self.constants.items():
            if known is value:
                return name
        name = f"K{len(self.constants)}"
        self.constants[name] = value
        return name

    def var(self, prefix: str = "x") -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def source(self, schema: dict[str, Any]) -> str:
        self.emit(1, "n = 0")
        body_start = len(self.lines)
        self.node(schema, "d", "", 1)
        self.close_scope(self.scope, 1)
        init = [f"    {t} = {self.constant((ABSENT,) * size)}" for t, size in self.absent_rows]
        self.lines[body_start:body_start] = init
        order = [index for _, indices in self.all_rows for index in indices]
        if sorted(order) != list(range(len(self.cells))):
            raise NotImplementedError("some cells are not reached by the schema")
        everything = ", ".join(f"*{t}" for t, _ in self.all_rows)
        self.emit(1, f"values = ({everything},)" if everything else "values = ()")
        if order != list(range(len(order))):
            permutation = [order.index(i) for i in range(len(order))]
            self.emit(1, f"values = {self.constant(itemgetter(*permutation))}(values)")
        self.emit(1, "return values, n" if self.strict else "return values")
        return "def check(d):\n" + "\n".join(self.lines) + "\n"

    def close_scope(self, scope: _Scope, depth: int) -> None:
        """Check the cells of ``scope`` in bulk, by the kind of value their schema allows."""
        if not scope.rows:
            return
        positions: dict[str, list[int]] = {}
        flat: list[int] = []
        for _, indices in scope.rows:
            flat.extend(indices)
        for position, index in enumerate(flat):
            cell_schema = self.cell_schemas[index]
            key = repr((cell_schema.get("type"), cell_schema.get("minimum")))
            positions.setdefault(key, []).append(position)
        values = self.var("s")
        self.emit(depth, f"{values} = ({', '.join(f'*{t}' for t, _ in scope.rows)},)")
        for key, where in positions.items():
            types, minimum = eval(key)  # noqa: S307 - our own repr of (list, int | None)
            if types == ["integer", "null"]:
                if len(where) == len(flat):
                    picked = values
                elif len(where) == 1:
                    picked = f"({values}[{where[0]}],)"
                else:
                    picked = f"{self.constant(itemgetter(*where))}({values})"
                kinds = self.var("k")
                group = self.var("g")
                self.emit(depth, f"{group} = {picked}")
                self.emit(depth, f"{kinds} = set(map(type, {group}))")
                self.fail_unless(depth, f"{kinds} <= INT_OR_NONE")
                if minimum is not None:
                    self.emit(depth, f"if NONE_TYPE in {kinds}: {group} = [v for v in {group} if v is not None]")
                    self.fail_unless(depth, f"min({group}, default={minimum!r}) >= {minimum!r}")
            elif types == ["number", "null"]:
                pass  # checked where the row is fetched (a float there stops strict checks early)
            else:
                raise NotImplementedError(f"a cell of type {types!r}")

    def fail_unless(self, depth: int, condition: str) -> None:
        self.emit(depth, f"if not ({condition}): return None")

    def count_string(self, depth: int, x: str) -> None:
        if self.strict:
            self.emit(depth, f"n += {x}.count(':')")

    def node(self, schema: dict[str, Any], x: str, pointer: str, depth: int) -> None:
        unknown = set(schema) - _IGNORED - {
            "type", "properties", "required", "additionalProperties", "minimum", "pattern",
            "enum", "const", "minLength", "minProperties", "minItems", "uniqueItems", "items",
            "format",
        }
        if unknown:
            raise NotImplementedError(f"fast validation does not know {sorted(unknown)} at {pointer or '/'}")
        if pointer in self.cells:
            raise NotImplementedError(f"the cell {pointer} is not a member of an object")
        if "const" in schema or "enum" in schema:
            allowed = [schema["const"]] if "const" in schema else list(schema["enum"])
            if not all(type(v) is str for v in allowed) or set(schema) - _IGNORED - {"const", "enum"}:
                raise NotImplementedError(f"only string enums and consts, at {pointer or '/'}")
            self.fail_unless(depth, f"type({x}) is str and {x} in {self.constant(frozenset(allowed))}")
            if any(":" in value for value in allowed):
                self.count_string(depth, x)
            return
        types = schema.get("type")
        if isinstance(types, list):
            if set(schema) - _IGNORED - {"type", "minimum"}:
                raise NotImplementedError(f"a schema with types {types} and {sorted(schema)}")
            self.fail_unless(depth, self.scalar(schema, x))
            return
        if not isinstance(types, str):
            raise NotImplementedError(f"fast validation needs a type at {pointer or '/'}")
        if types == "object":
            self.object(schema, x, pointer, depth)
        elif types == "string":
            self.fail_unless(depth, f"type({x}) is str")
            if "minLength" in schema:
                self.fail_unless(depth, f"len({x}) >= {int(schema['minLength'])}")
            if "pattern" in schema:
                search = re.compile(schema["pattern"]).search
                self.fail_unless(depth, f"{self.constant(search)}({x}) is not None")
            if "format" in schema:
                self.fail_unless(depth, f"CONFORMS({x}, {schema['format']!r})")
            self.count_string(depth, x)
        elif types == "integer":
            self.fail_unless(depth, f"type({x}) is int")
            if "minimum" in schema:
                self.fail_unless(depth, f"{x} >= {self.constant(schema['minimum'])}")
        elif types == "array":
            self.fail_unless(depth, f"type({x}) is list")
            if "minItems" in schema:
                self.fail_unless(depth, f"len({x}) >= {int(schema['minItems'])}")
            if "items" in schema:
                item = self.var()
                self.emit(depth, f"for {item} in {x}:")
                self.node(schema["items"], item, pointer + "/*", depth + 1)
            if schema.get("uniqueItems"):
                if schema.get("items", {}).get("type") != "string":
                    raise NotImplementedError(f"uniqueItems only over strings, at {pointer or '/'}")
                self.fail_unless(depth, f"len(set({x})) == len({x})")
        else:
            raise NotImplementedError(f"type {types!r} at {pointer or '/'}")

    def scalar(self, schema: dict[str, Any], x: str) -> str:
        """The condition for a number or null (an extension's value)."""
        types = schema.get("type")
        minimum = schema.get("minimum")
        if minimum is not None and type(minimum) is not int:
            raise NotImplementedError(f"a minimum of {minimum!r}")
        if types == ["integer", "null"]:
            if minimum is None:
                return f"{x} is None or type({x}) is int"
            return f"{x} is None or type({x}) is int and {x} >= {minimum!r}"
        if types == ["number", "null"]:
            helper = "NUMBER_STRICT" if self.strict else "NUMBER"
            return f"{x} is None or {helper}({x}, {minimum!r})"
        raise NotImplementedError(f"a value of type {types!r}")

    def numbers(self, t: str, schemas: list[dict[str, Any]], depth: int) -> None:
        """Check the number (money, percent) cells of a row as soon as it is fetched."""
        helper = "NUMBER_STRICT" if self.strict else "NUMBER"
        for position, schema in enumerate(schemas):
            if schema.get("type") == ["number", "null"]:
                item = f"{t}[{position}]"
                minimum = schema.get("minimum")
                self.fail_unless(depth, f"{item} is None or {helper}({item}, {minimum!r})")

    def add_row(self, t: str, indices: list[int], depth: int) -> None:
        self.scope.rows.append((t, indices))
        self.all_rows.append((t, indices))

    def object(self, schema: dict[str, Any], x: str, pointer: str, depth: int) -> None:
        properties: dict[str, Any] = schema.get("properties", {})
        required = list(schema.get("required", ()))
        additional = schema.get("additionalProperties", True)
        self.fail_unless(depth, f"type({x}) is dict")
        names = frozenset(properties)
        key_colons = sum(name.count(":") for name in names)
        exact = additional is False and set(required) == set(properties) and "minProperties" not in schema
        if exact:
            self.fail_unless(depth, f"{x}.keys() == {self.constant(names)}")
            if self.strict:
                self.emit(depth, f"n += {len(names) + key_colons}")
        else:
            if additional is False:
                self.fail_unless(depth, f"{x}.keys() <= {self.constant(names)}")
            elif additional is not True:
                if properties:
                    raise NotImplementedError(f"additionalProperties beside properties, at {pointer}")
            if required:
                self.fail_unless(depth, f"{x}.keys() >= {self.constant(frozenset(required))}")
            if "minProperties" in schema:
                self.fail_unless(depth, f"len({x}) >= {int(schema['minProperties'])}")
            if self.strict:
                self.emit(depth, f"n += len({x})")
                if key_colons or isinstance(additional, dict):
                    self.emit(depth, f"n += sum(k.count(':') for k in {x})")
            if isinstance(additional, dict):
                value = self.var()
                self.emit(depth, f"for {value} in {x}.values():")
                self.node(additional, value, pointer + "/*", depth + 1)

        cells = [(name, self.cells[f"{pointer}/{name}"]) for name in properties
                 if f"{pointer}/{name}" in self.cells]
        for name, index in cells:
            cell_schema = properties[name]
            if set(cell_schema) - _IGNORED - {"type", "minimum"}:
                raise NotImplementedError(f"a cell schema with {sorted(cell_schema)}")
            self.cell_schemas[index] = cell_schema
        required_cells = [(name, index) for name, index in cells if name in required]
        if required_cells:
            t = self.var("t")
            if len(required_cells) == 1:
                self.emit(depth, f"{t} = ({x}[{required_cells[0][0]!r}],)")
            else:
                getter = self.constant(itemgetter(*(name for name, _ in required_cells)))
                self.emit(depth, f"{t} = {getter}({x})")
            self.add_row(t, [index for _, index in required_cells], depth)
            self.numbers(t, [properties[name] for name, _ in required_cells], depth)
        for name, index in cells:
            if name in required:
                continue
            # An optional cell: there or not on its own.
            y, t = self.var(), self.var("t")
            self.emit(depth, f"{y} = {x}.get({name!r}, ABSENT)")
            self.emit(depth, f"if {y} is not ABSENT:")
            self.emit(depth + 1, f"{t} = ({y},)")
            self.absent_rows.append((t, 1))
            outer, self.scope = self.scope, _Scope()
            self.add_row(t, [index], depth + 1)
            self.numbers(t, [properties[name]], depth + 1)
            self.close_scope(self.scope, depth + 1)
            self.scope = outer

        for name, child in properties.items():
            if f"{pointer}/{name}" in self.cells:
                continue
            y = self.var()
            child_pointer = f"{pointer}/{name}"
            if name in required:
                self.emit(depth, f"{y} = {x}[{name!r}]")
                self.node(child, y, child_pointer, depth)
            else:
                self.emit(depth, f"{y} = {x}.get({name!r}, ABSENT)")
                self.emit(depth, f"if {y} is not ABSENT:")
                outer, self.scope = self.scope, _Scope()
                start = len(self.all_rows)
                self.node(child, y, child_pointer, depth + 1)
                self.close_scope(self.scope, depth + 1)
                self.absent_rows.extend((t, len(indices)) for t, indices in self.all_rows[start:])
                self.scope = outer


def _number(value: Any, minimum: Any) -> bool:
    kind = type(value)
    if kind is int:
        return minimum is None or value >= minimum
    if kind is decimal.Decimal or kind is float:
        if kind is float and not math.isfinite(value) or kind is not float and not value.is_finite():
            return False
        return minimum is None or value >= minimum
    return False


def _number_strict(value: Any, minimum: Any) -> bool:
    kind = type(value)
    if kind is int:
        return minimum is None or value >= minimum
    if kind is decimal.Decimal:
        return value.is_finite() and (minimum is None or value >= minimum)
    return False


def compile_schema_check(edition: Edition, strict: bool, schema: dict[str, Any] | None = None,
                         name: str = "fast schema check") -> Callable[[Any], Any]:
    """The compiled check of ``edition``'s report schema (see :class:`_Compiler`), or of
    ``schema``, a part of it that holds no cell."""
    from ..schema.files import format_checker

    compiler = _Compiler(edition, strict, with_cells=schema is None)
    source = compiler.source(resolved_schema(edition) if schema is None else schema)
    namespace: dict[str, Any] = {
        **compiler.constants,
        "ABSENT": ABSENT,
        "NUMBER": _number,
        "NUMBER_STRICT": _number_strict,
        "INT_OR_NONE": frozenset({int, type(None)}),
        "NONE_TYPE": type(None),
        "CONFORMS": format_checker().conforms,
    }
    exec(compile(source, f"<opengovreport {name}, edition {edition.code}>", "exec"), namespace)
    check: Callable[[Any], Any] = namespace["check"]
    return check


def metadata_schema(edition: Edition) -> dict[str, Any]:
    """The resolved report schema without the members that hold cells: what a report
    says of itself (issuer, year, narrative …), for checking apart from its tables."""
    schema = resolved_schema(edition)
    pointers = [cell.pointer for cell in edition.cells]
    holding = {name for name in schema["properties"]
               if any(p == f"/{name}" or p.startswith(f"/{name}/") for p in pointers)}
    return {
        **schema,
        "properties": {k: v for k, v in schema["properties"].items() if k not in holding},
        "required": [k for k in schema.get("required", ()) if k not in holding],
    }


def metadata_check(edition: Edition) -> Callable[[Any], Any]:
    """A compiled check of :func:`metadata_schema`: None unless jsonschema would find nothing
    (built on first use, kept on the Edition).

    A document whose cells are all None or numbers of their kind, and whose tables have
    every printed row, is valid exactly when its members other than the tables are: the
    data package reader vouches for the tables and asks this about the rest.
    """

    def build(e: Edition) -> Callable[[Any], Any]:
        return compile_schema_check(e, strict=False, schema=metadata_schema(e), name="metadata check")

    return edition.derived("opengovreport.validation.fast:metadata_check", build)


# -- compiling the rules ---------------------------------------------------------------------


class Plan:
    """Everything fast validation needs for one edition, built once (see :func:`plan`)."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.check = compile_schema_check(edition, strict=False)
        self.check_strict = compile_schema_check(edition, strict=True)
        self.rules: tuple[Rule, ...] = rules_for(edition)
        self.rule_codes = tuple(rule.code for rule in self.rules)
        self.order = {cell.pointer: index for index, cell in enumerate(edition.cells)}
        self.cell_ids = tuple(cell.id for cell in edition.cells)
        self.no_cells = dict.fromkeys(self.cell_ids)
        """Every cell id → None, in printed order: copied and filled in faster than a dict is built."""
        self.optional_cells = _optional_cells(edition)
        self.steps: list[tuple[Rule, Any, Any]] = []
        self.relation_at: list[tuple[int, RelationPlan]] = []
        """Relation number → (its rule's step, the relation's plan)."""
        self.relations_check = self._compile_relations()

    def _compile_relations(self) -> Callable[[Sequence[Any]], list[int]]:
        """One function that returns the numbers of the relations that do not plainly hold.

        A relation is checked here only when all its operands are whole-number cells; a
        relation holds plainly when every operand is a printed number and the (in)equality
        is true, exactly the case in which its rule reports nothing. Relations with money
        or percentages always go to the rule's evaluator.
        """
        edition = self.edition
        index = edition.cell_index
        integer_kinds = (CellKind.COUNT, CellKind.SIGNED_COUNT)
        lines = ["def relations(v):", "    bad = []"]
        number = 0
        for rule in self.rules:
            evaluator = rule.evaluate
            if isinstance(evaluator, Relations):
                relations = evaluator.relations(edition)
                table_cell = None
                if evaluator.table is not None:
                    table_cell = next(i for i, c in enumerate(edition.cells)
                                      if c.table.key == evaluator.table)
                for relation in relations:
                    cells = relation.left + relation.right
                    if all(edition.cell(c).kind in integer_kinds for c in cells):
                        left = " + ".join(f"v[{index[c]}]" for c in relation.left)
                        right = " + ".join(f"v[{index[c]}]" for c in relation.right)
                        op = "==" if relation.comparison == "equal" else "<="
                        # 0 + … makes a lone blank (None) raise, as a sum of blanks must.
                        lines += [
                            "    try:",
                            f"        if not (0 + {left} {op} 0 + {right}): bad.append({number})",
                            "    except TypeError:",
                            f"        bad.append({number})",
                        ]
                    else:
                        lines.append(f"    bad.append({number})")
                    self.relation_at.append((len(self.steps), relation_plan(edition, relation)))
                    number += 1
                self.steps.append((rule, "relations", table_cell))
            elif rule.quick is not None:
                self.steps.append((rule, "quick", rule.quick(edition)))
            else:
                self.steps.append((rule, "evaluate", None))
        lines.append("    return bad")
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(lines) + "\n", f"<opengovreport fast relations, edition {edition.code}>",
                     "exec"), namespace)
        relations_check: Callable[[Sequence[Any]], list[int]] = namespace["relations"]
        return relations_check

    def rule_findings(self, values: Sequence[Any], document: Mapping[str, Any]) -> list[Finding]:
        """Every finding of every rule on a schema-valid document whose cells are ``values``."""
        failing_at: dict[int, list[RelationPlan]] = {}  # step → its relations that do not plainly hold
        for number in self.relations_check(values):
            step, relation = self.relation_at[number]
            failing = failing_at.get(step)
            if failing is None:
                failing_at[step] = [relation]
            else:
                failing.append(relation)
        findings: list[Finding] = []
        data: RuleInput | None = None
        for step, (rule, how, payload) in enumerate(self.steps):
            if how == "relations":
                failing = failing_at.get(step)
                if failing is None:
                    continue
                table_cell = payload
                if table_cell is not None and values[table_cell] is ABSENT:
                    continue
                # Decided on the values as they come, as the rule's evaluator decides them (the
                # dict of cells is built only for evaluators that need it).
                for relation in failing:
                    finding = relation.decide(rule, relation.left_at(values), relation.right_at(values))
                    if finding is not None:
                        findings.append(finding)
            elif how == "quick" and payload(values, document):
                continue
            else:
                if data is None:
                    data = self.rule_input(values, document)
                findings.extend(rule.evaluate(rule, data))
        return findings

    def rule_input(self, values: Sequence[Any], document: Mapping[str, Any]) -> RuleInput:
        # Only the cells of optional members can be ABSENT: filling in every cell and taking
        # those out again is several times faster than testing every value.
        cells = self.no_cells.copy()
        cells.update(zip(self.cell_ids, values))
        for index, cell_id in self.optional_cells:
            if values[index] is ABSENT:
                del cells[cell_id]
        return RuleInput(edition=self.edition, cells=cells, document=document)

    def validate(self, values: Sequence[Any], document: Mapping[str, Any], file: str | None) -> ValidationReport:
        """The validation report of a schema-valid document whose cells are ``values``."""
        return self.report(self.rule_findings(values, document), file)

    def report(self, findings: list[Finding], file: str | None) -> ValidationReport:
        return ValidationReport(
            findings=sort_findings(findings, self.order) if findings else (),
            file=file,
            edition=self.edition.code,
            rules=self.rule_codes,
        )


def _optional_cells(edition: Edition) -> tuple[tuple[int, str], ...]:
    """(index, id) of the cells that a schema-valid document may leave out (those under a
    member that is not required): the only ones the compiled checks may give as ABSENT."""
    schema = resolved_schema(edition)
    optional = []
    for index, cell in enumerate(edition.cells):
        node = schema
        for name in cell.pointer.split("/")[1:]:
            if name not in node.get("required", ()):
                optional.append((index, cell.id))
                break
            node = node["properties"][name]
    return tuple(optional)


def plan(edition: Edition) -> Plan:
    """The fast-validation plan of ``edition`` (built on first use, kept on the Edition)."""
    return edition.derived(Plan, Plan)


def validate_document(document: Mapping[str, Any], edition: Edition, file: str | None) -> ValidationReport | None:
    """The validation report of a document of ``edition`` if it passes the compiled schema
    check; None if it does not (jsonschema must then say what is wrong)."""
    p = plan(edition)
    values = p.check(document)
    if values is None:
        return None
    return p.validate(values, document, file)


def _orjson_loads() -> Callable[[bytes], Any] | None:
    try:
        import orjson
    except ImportError:  # optional: without it the exact parser does the work
        return None
    loads: Callable[[bytes], Any] = orjson.loads
    return loads


def _strict(document: Any, body: bytes, file: str | None) -> ValidationReport | None:
    """The report of a document parsed from ``body`` by a parser that keeps the last of
    repeated keys, if it is schema-valid, has no float and certainly repeats no key."""
    if type(document) is not dict:
        return None
    code = document.get("edition")
    if type(code) is not str or code not in EDITION_CODES:
        return None
    p = plan(get_edition(code))
    checked = p.check_strict(document)
    if checked is None:
        return None
    values, colons = checked
    if not colons_match(body, colons):
        return None
    return p.validate(values, document, file)


def _typed(body: bytes, file: str | None) -> ValidationReport | None:
    """The report of a document msgspec parses and checks against its edition's types
    (:mod:`opengovreport.validation.typed`); None when msgspec is not installed or unsure."""
    code = edition_hint(body)
    if code not in EDITION_CODES:
        return None
    typed = typed_check(get_edition(code))
    return None if typed is None else typed.report(body, file)


def validate_bytes(data: bytes, *, file: str | None = None,
                   loads: Callable[[bytes], Any] | None | bool = True) -> ValidationReport:
    """Validate the JSON text ``data`` of a report document, as ``validate(parse_json(data))``.

    Raises :class:`~opengovreport.errors.InputError` for bytes that are not a usable
    document, exactly like :func:`opengovreport.io.read_document`. ``loads`` is the fast
    parser to try first (True: msgspec's typed check, then orjson, those installed;
    None or False: none).

    The parsers, fastest first: msgspec checking the edition's types as it parses
    (:mod:`.typed`), orjson (no Decimal: a document with a fraction goes on), the
    standard library's C parser without hooks (fractions become Decimal), and last the
    exact parser with everything it checks, for documents the others cannot settle.
    """
    body = data[3:] if data.startswith(_BOM) else data
    if loads is True:
        result = _typed(body, file)
        if result is not None:
            return result

    import json

    from ..io.json_io import _reject_constant, decode, parse_json
    from . import validate

    fast = _orjson_loads() if loads is True else (loads or None)
    if fast is not None:
        try:
            document = fast(body)
        except Exception:  # the exact parser says what is wrong, with the line
            document = None
        result = _strict(document, body, file)
        if result is not None:
            return result
    try:
        text = body.decode("utf-8")
        document = json.loads(text, parse_float=decimal.Decimal, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        document = None
    result = _strict(document, body, file)
    if result is not None:
        return result
    document = parse_json(decode(data, file), file)
    return validate(document, file=file)
