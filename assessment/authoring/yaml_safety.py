"""YAML from files people write or upload, read as plain data with bounded work.

yaml.safe_load builds no Python objects, but it still expands aliases (a few hundred
bytes can stand for 10⁹ items), recurses once per nesting level (thousands of ``[``
end in RecursionError), turns ``!!binary``, ``!!set`` and dates into bytes, sets and
datetimes that later code stores as their repr, and parses integers of any length.
Files we read are plain data written out in full, the way the export writes them, so
all of that is refused here, each with the line it was found on.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.resolver import Resolver

# 20 times the seed questionnaire; nginx refuses larger uploads too (docs/deploy.md).
MAX_YAML_CHARS = 2_000_000
# A questionnaire nests eight levels deep (version, pillars, pillar, questions, …).
MAX_DEPTH = 20
# Whole numbers in our files are versions, points and lengths; 20 characters is ample and
# keeps int() far from its quadratic cost and its 4,300-digit ValueError.
MAX_NUMBER_CHARS = 20

# YAML 1.1 leftovers: "=" as a "value" tag no constructor knows, dates as datetimes.
_DROPPED_IMPLICIT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"}


class YamlRefused(yaml.YAMLError):
    """The text is not YAML we read; the message says where and why, in one line."""


def _at(mark: Any) -> str:  # a yaml.Mark, or libyaml's own with the same fields
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"


class _PlainResolver(Resolver):
    pass


# An unquoted 2024-01-01 stays the text it was written as (as in YAML 1.2's core schema),
# so a date-like title or code is neither refused nor rewritten as a datetime's repr.
_PlainResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_IMPLICIT]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class _PlainConstructor(yaml.constructor.SafeConstructor):
    """safe_load's constructor, refusing what plain data never needs."""

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        value = super().construct_yaml_str(node)
        if "\x00" in value:
            # Only an escape ("\0") gets one past the reader; PostgreSQL refuses it in text.
            raise YamlRefused(
                f"{_at(node.start_mark)}: a NUL character (\\0) is not allowed in text."
            )
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        self._check_number_length(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        self._check_number_length(node)
        return super().construct_yaml_float(node)

    def _check_number_length(self, node: yaml.ScalarNode) -> None:
        if len(node.value) > MAX_NUMBER_CHARS:
            raise YamlRefused(
                f"{_at(node.start_mark)}: a number longer than {MAX_NUMBER_CHARS} characters."
            )

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            # PyYAML keeps the last of two equal keys silently; an edit to the first
            # would then vanish without a word.
            seen: set[Any] = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node)
                if key in seen:
                    raise YamlRefused(f"{_at(key_node.start_mark)}: “{key}” appears twice.")
                seen.add(key)
        return mapping


# The stubs type add_constructor for the stock loaders only; ours is one of them plus checks.
_PlainConstructor.add_constructor("tag:yaml.org,2002:str", _PlainConstructor.construct_yaml_str)  # type: ignore[type-var]
_PlainConstructor.add_constructor("tag:yaml.org,2002:int", _PlainConstructor.construct_yaml_int)  # type: ignore[type-var]
_PlainConstructor.add_constructor("tag:yaml.org,2002:float", _PlainConstructor.construct_yaml_float)  # type: ignore[type-var]


# libyaml's parser (in every PyYAML wheel) reads the seeds ten times faster than PyYAML's
# own, which took most of a `seed` run; the checks below work on its events and nodes.
class _PlainLoader(CParser, _PlainConstructor, _PlainResolver):
    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _PlainConstructor.__init__(self)
        _PlainResolver.__init__(self)


def _refuse_what_plain_data_does_not_need(text: str) -> None:
    """One pass over the parser's events, before any node is built: the composer would
    follow aliases and recurse once per nesting level."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlRefused(
                f"{_at(event.start_mark)}: anchors and aliases (&name, *name) are not "
                "allowed; write the value out in full."
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            # Explicit tags reach constructors the resolver never would: !!binary, !!set,
            # and !!int or !!bool on any text (a ValueError, not a YAMLError).
            raise YamlRefused(
                f"{_at(event.start_mark)}: the tag {tag.replace('tag:yaml.org,2002:', '!!')} "
                "is not allowed; only text, numbers, true/false, lists and mappings are."
            )
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        # A scalar is a node one level below its collection, as a collection is.
        if depth + 1 > MAX_DEPTH:
            raise YamlRefused(f"{_at(event.start_mark)}: nested more than {MAX_DEPTH} levels deep.")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1


class PlainDumper(yaml.SafeDumper):
    """Writes what load_yaml reads back: an object met twice is written out twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def load_yaml(text: str, *, max_chars: int = MAX_YAML_CHARS) -> Any:
    """The one document in text as str, int, float, bool, None, lists and dicts."""
    if len(text) > max_chars:
        raise YamlRefused(f"The file is larger than {max_chars:,} characters.")
    try:
        _refuse_what_plain_data_does_not_need(text)
        loader = _PlainLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml's scanner reads a flow collection ahead of its events, so a thousand
            # "[" meet its own limit before the events reach ours.
            raise YamlRefused(
                f"{_at(exc.problem_mark)}: nested more than {MAX_DEPTH} levels deep."
            ) from exc
        raise YamlRefused(f"Not valid YAML: {exc}") from exc
    except yaml.YAMLError as exc:
        raise YamlRefused(f"Not valid YAML: {exc}") from exc
