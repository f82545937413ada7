"""Versions: of this library, and of the standard whose schemas it ships."""

__version__ = "0.1.0"

STANDARD_VERSION = "1.0"
"""The version of the opengovreport standard (schemas, cell ids, rules) this library implements."""

RULESET_VERSION = "1.0"
"""The version of the rule set; a rule's meaning never changes under the same code."""

SCHEMA_BASE_URL = "https://schema.opengovreport.org/"
"""Schemas are identified by URLs under this base; they are never fetched from it."""
