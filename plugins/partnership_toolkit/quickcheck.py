"""A fast yes/no answer to "is this document valid against its schema?".

jsonschema walks a schema afresh for every value, resolving each ``$ref``
through its registry; on a 1000-step toolkit that is most of the time
``toolkit validate`` takes. Almost every document in a build is valid, so
:mod:`.validate` asks this module first and calls jsonschema only for a
document that fails, to explain each error. The schema is compiled once into
nested closures.

Only the JSON Schema keywords the toolkit's schemas use are understood; a
schema with any other keyword compiles to ``None`` and is always checked by
jsonschema, so this module can make a check faster but never more lenient.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default",
                "examples", "deprecated", "readOnly", "writeOnly", "markdownDescription"}


class Unsupported(Exception):
    """The schema uses a keyword this module does not implement."""


def compile_schema(schemas: Mapping[str, dict[str, Any]], name: str) -> Check | None:
    """A checker for the schema file ``name`` (e.g. ``"stage.schema.json"``), or ``None``.

    ``schemas`` maps each schema file's name (its ``$id``) to its contents, so
    ``$ref`` between files resolves as it does in jsonschema's registry.
    """
    compiler = _Compiler(schemas)
    try:
        return compiler.ref(name, "")
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, schemas: Mapping[str, dict[str, Any]]):
        self.schemas = schemas
        self.done: dict[tuple[str, str], Check] = {}

    def ref(self, file: str, pointer: str) -> Check:
        key = (file, pointer)
        if key not in self.done:
            # A stand-in first, so a schema that refers to itself compiles.
            cell: list[Check] = []
            self.done[key] = lambda value: cell[0](value)
            cell.append(self.compile(self._resolve(file, pointer), file))
            self.done[key] = cell[0]
        return self.done[key]

    def _resolve(self, file: str, pointer: str) -> Any:
        if file not in self.schemas:
            raise Unsupported(f"unknown schema {file}")
        node: Any = self.schemas[file]
        for part in filter(None, pointer.split("/")):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise Unsupported(f"cannot resolve {file}#{pointer}")
            node = node[part]
        return node

    def compile(self, schema: Any, file: str) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported("a schema must be a mapping or a boolean")
        checks: list[Check] = []
        for key, arg in schema.items():
            if key in _ANNOTATIONS:
                continue
            if key in ("then", "else") and "if" in schema:
                continue
            make = getattr(self, "k_" + key.replace("$", ""), None)
            if make is None:
                raise Unsupported(key)
            checks.append(make(arg, schema, file))
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]

        def all_of(value: Any) -> bool:
            for check in checks:
                if not check(value):
                    return False
            return True
        return all_of

    # -- keywords: each returns a check of one keyword --------------------------------------

    def k_ref(self, arg: str, _schema: dict, file: str) -> Check:
        target, _, pointer = arg.partition("#")
        return self.ref(target or file, pointer)

    def k_type(self, arg: str | list[str], _schema: dict, _file: str) -> Check:
        names = [arg] if isinstance(arg, str) else list(arg)
        tests = [_TYPES[n] for n in names if n in _TYPES]
        if len(tests) != len(names):
            raise Unsupported(f"type {arg}")
        if len(tests) == 1:
            return tests[0]
        return lambda value: any(test(value) for test in tests)

    def k_properties(self, arg: dict[str, Any], _schema: dict, file: str) -> Check:
        props = {key: self.compile(sub, file) for key, sub in arg.items()}

        def properties(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                check = props.get(key)
                if check is not None and not check(item):
                    return False
            return True
        return properties

    def k_additionalProperties(self, arg: Any, schema: dict, file: str) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = set(schema.get("properties", {}))
        if arg is False:
            return lambda value: not isinstance(value, dict) or known.issuperset(value)
        check = self.compile(arg, file)
        return lambda value: not isinstance(value, dict) or all(
            check(v) for k, v in value.items() if k not in known)

    def k_required(self, arg: list[str], _schema: dict, _file: str) -> Check:
        needed = list(arg)
        return lambda value: not isinstance(value, dict) or all(k in value for k in needed)

    def k_items(self, arg: Any, schema: dict, file: str) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        check = self.compile(arg, file)

        def items(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            for item in value:
                if not check(item):
                    return False
            return True
        return items

    def k_minItems(self, arg: int, _schema: dict, _file: str) -> Check:
        return lambda value: not isinstance(value, list) or len(value) >= arg

    def k_maxItems(self, arg: int, _schema: dict, _file: str) -> Check:
        return lambda value: not isinstance(value, list) or len(value) <= arg

    def k_uniqueItems(self, arg: bool, _schema: dict, _file: str) -> Check:
        if not arg:
            return _always

        def unique(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            if all(isinstance(item, str) for item in value):
                return len(set(value)) == len(value)
            return not any(_equal(a, b) for i, a in enumerate(value) for b in value[i + 1:])
        return unique

    def k_minLength(self, arg: int, _schema: dict, _file: str) -> Check:
        return lambda value: not isinstance(value, str) or len(value) >= arg

    def k_maxLength(self, arg: int, _schema: dict, _file: str) -> Check:
        return lambda value: not isinstance(value, str) or len(value) <= arg

    def k_pattern(self, arg: str, _schema: dict, _file: str) -> Check:
        search = re.compile(arg).search
        return lambda value: not isinstance(value, str) or search(value) is not None

    def k_enum(self, arg: list[Any], _schema: dict, _file: str) -> Check:
        options = list(arg)
        return lambda value: any(_equal(value, option) for option in options)

    def k_const(self, arg: Any, _schema: dict, _file: str) -> Check:
        return lambda value: _equal(value, arg)

    def k_minimum(self, arg: float, _schema: dict, _file: str) -> Check:
        return lambda value: not _is_number(value) or value >= arg

    def k_maximum(self, arg: float, _schema: dict, _file: str) -> Check:
        return lambda value: not _is_number(value) or value <= arg

    def k_allOf(self, arg: list[Any], _schema: dict, file: str) -> Check:
        checks = [self.compile(sub, file) for sub in arg]
        return lambda value: all(check(value) for check in checks)

    def k_anyOf(self, arg: list[Any], _schema: dict, file: str) -> Check:
        checks = [self.compile(sub, file) for sub in arg]
        return lambda value: any(check(value) for check in checks)

    def k_oneOf(self, arg: list[Any], _schema: dict, file: str) -> Check:
        checks = [self.compile(sub, file) for sub in arg]
        return lambda value: sum(1 for check in checks if check(value)) == 1

    def k_not(self, arg: Any, _schema: dict, file: str) -> Check:
        check = self.compile(arg, file)
        return lambda value: not check(value)

    def k_if(self, arg: Any, schema: dict, file: str) -> Check:
        condition = self.compile(arg, file)
        then = self.compile(schema.get("then", True), file)
        otherwise = self.compile(schema.get("else", True), file)
        return lambda value: then(value) if condition(value) else otherwise(value)


def _always(_value: Any) -> bool:
    return True


def _never(_value: Any) -> bool:
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# As JSON Schema sees Python values: a bool is not a number, 2.0 is an integer.
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or float(v).is_integer()),
}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: ``True`` is not ``1``, and containers compare item by item."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return bool(a == b)
