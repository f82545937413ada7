"""Exporting a data package to a database a portal can query across reports (SQLite).

Every resource becomes a table with its primary and foreign keys; counts are
INTEGER, money and percentages NUMERIC (SQLite keeps them as REAL, exact to about
15 significant digits), text TEXT, blanks NULL.
"""

from __future__ import annotations

import decimal
import sqlite3
from pathlib import Path
from typing import Any

from ..findings import Severity
from .layout import ResourceSpec, all_resources
from .read import read_package, read_rows
from .source import Limits, PackageError, PackageSource

_SQL_TYPE = {"integer": "INTEGER", "number": "NUMERIC", "string": "TEXT", "date": "TEXT"}


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///relative.db`` or ``sqlite:////absolute.db`` URL."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise ValueError(f"expected sqlite:///FILE (e.g. sqlite:///portal.db), found {url!r}")
    return Path(url[len(prefix):])


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(spec: ResourceSpec) -> str:
    columns = [
        f"{_quote(f.name)} {_SQL_TYPE[f.type]}" + (" NOT NULL" if f.constraints.get("required") else "")
        for f in spec.fields
    ]
    columns.append("PRIMARY KEY (" + ", ".join(map(_quote, spec.primary_key)) + ")")
    for fields, resource, reference in spec.foreign_keys:
        columns.append(
            "FOREIGN KEY (" + ", ".join(map(_quote, fields)) + f") REFERENCES {_quote(resource)} ("
            + ", ".join(map(_quote, reference)) + ")"
        )
    return f"CREATE TABLE {_quote(spec.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _sql_value(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def export_sqlite(package: str | Path, database: str | Path, *, replace: bool = False,
                  limits: Limits | None = None) -> Path:
    """Write the package's resources into an SQLite database file; returns its path.

    The package must have no table errors (validate it first). An existing database
    file is refused unless ``replace``.
    """
    target = sqlite_path(database) if isinstance(database, str) and database.startswith("sqlite:") else Path(database)
    data = read_package(package, limits)
    errors = [f for f in data.findings if f.severity is Severity.ERROR]
    if errors:
        raise PackageError(f"the package has {len(errors)} table error(s); the first: "
                           f"{errors[0].message_en}", file=data.name)
    if target.exists():
        if not replace:
            raise PackageError("the database file exists; use --replace to overwrite it",
                               file=str(target))
        target.unlink()
    editions = tuple(dict.fromkeys(d["edition"] for _, d in data.documents))
    specs = all_resources(editions)
    paths = {r["name"]: r["path"] for r in data.descriptor["resources"] if isinstance(r, dict)}
    # Referenced tables first, so that foreign keys hold while rows go in.
    order = sorted(specs, key=lambda s: (0 if s.name.startswith("codelist_") else
                                         1 if s.name == "reports" else 2))
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(target)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with PackageSource(package, limits) as source:
            for spec in order:
                connection.execute(create_table_sql(spec))
                if spec.name not in paths:
                    continue
                rows, problems = read_rows(spec, source.read(paths[spec.name]), spec.name)
                if any(p.severity is Severity.ERROR for p in problems):
                    raise PackageError(f"{spec.name}: {problems[0].message_en}", file=data.name)
                names = spec.field_names()
                connection.executemany(
                    f"INSERT INTO {_quote(spec.name)} VALUES ({', '.join('?' for _ in names)})",
                    ([_sql_value(record.get(n)) for n in names] for _, record in rows),
                )
        connection.commit()
    except BaseException:
        connection.close()
        target.unlink(missing_ok=True)
        raise
    connection.close()
    return target
