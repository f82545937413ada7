"""The standard's JSON Schemas: generated from the edition definitions, shipped in the package."""

from .files import load_schema, registry, schema_dir, schema_path, validator

__all__ = ["load_schema", "registry", "schema_dir", "schema_path", "validator"]
