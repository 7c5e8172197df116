"""Reading record files: YAML 1.2 core-schema values at libyaml speed, positions on demand.

PyYAML's C parser is about ten times faster than ruamel.yaml's pure-Python one (5,000 files must
validate in under 2 s), but its resolver follows YAML 1.1, where `no` (Norwegian) is False and
`09:00` is the number 540. The resolver below keeps only the YAML 1.2 core schema, and the
converter refuses duplicate keys, which PyYAML would silently overwrite, and any tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import yaml
from yaml._yaml import CParser as _Parser  # libyaml ships inside PyYAML's wheels

from directory.data.advice import Advice, advice


class _Resolver12(yaml.resolver.BaseResolver):
    """Implicit tags of the YAML 1.2 core schema (plus plain dates, which records use)."""


_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), list("0123456789")
)


class AdvisedError(yaml.MarkedYAMLError):
    """A YAML error found by our own checks, kept as advice (its `problem` is the English)."""

    def __init__(self, advice: Advice, mark: yaml.Mark) -> None:
        super().__init__(problem=advice.render(), problem_mark=mark)
        self.advice = advice


class DuplicateKeyError(AdvisedError):
    """A mapping names the same key twice."""


class ShapeError(AdvisedError):
    """A file no record has the shape of: nested too deeply, or with anchors and aliases (one
    alias-laden file can expand to gigabytes; a self-referencing one never ends)."""


# A record is at most about 5 levels deep; libyaml's composer crashes the process on some
# ten thousand levels, so depth is checked on the event stream (no recursion) first.
MAX_DEPTH = 24


class UnsupportedTagError(AdvisedError):
    """A tag such as !!python/object or !include: records are plain data."""


class _Composer(_Parser, _Resolver12):
    """libyaml parses and composes nodes; tags are resolved with the YAML 1.2 rules above."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    return float("nan") if lowered == ".nan" else float(text)


def _int(text: str) -> int:
    lowered = text.lower()
    if lowered.startswith("0x"):
        return int(lowered, 16)
    if lowered.startswith("0o"):
        return int(lowered[2:], 8)
    return int(lowered, 10)  # YAML 1.2: a leading zero is not octal


_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:timestamp": date.fromisoformat,
}


def _construct(node: yaml.Node) -> Any:
    """Plain Python values from composed nodes. A small converter of our own instead of
    PyYAML's generic constructor: half the time, and duplicate keys are refused."""
    if isinstance(node, yaml.ScalarNode):
        convert = _SCALARS.get(node.tag)
        if convert is None:
            raise UnsupportedTagError(advice("tag_not_allowed", tag=node.tag), node.start_mark)
        return convert(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item) for item in node.value]
    if not isinstance(node, yaml.MappingNode) or node.tag != "tag:yaml.org,2002:map":
        raise UnsupportedTagError(advice("tag_not_allowed", tag=node.tag), node.start_mark)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _construct(key_node)
        if key in mapping:
            raise DuplicateKeyError(advice("duplicate_key", key=key), key_node.start_mark)
        mapping[key] = _construct(value_node)
    return mapping


# Text that cannot hold an anchor, an alias or MAX_DEPTH levels of nesting: no "&" or "*", few
# brackets, no line indented MAX_DEPTH spaces, no run of "- " or "? " entries on one line.
# Only other text is read event by event (a third of validation time on 5,000 services).
_DEEP_INDENT = re.compile(rf"^ {{{MAX_DEPTH}}}", re.MULTILINE)
_ENTRY_RUN = re.compile(rf"(?:[-?][ \t]+){{{MAX_DEPTH // 2}}}")


def _plain_shape(text: str) -> bool:
    if "&" in text or "*" in text or text.count("[") + text.count("{") > MAX_DEPTH:
        return False
    if ("- -" in text or "? ?" in text or "-\t" in text) and _ENTRY_RUN.search(text):
        return False
    return not _DEEP_INDENT.search(text)


def check_shape(text: str) -> None:
    """Refuse what no record needs before building nodes: deep nesting, anchors and aliases."""
    if _plain_shape(text):
        return
    parser = _Parser(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ShapeError(advice("anchors_aliases"), cast(yaml.Mark, event.start_mark))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ShapeError(
                        advice("nested_too_deep", depth=MAX_DEPTH),
                        cast(yaml.Mark, event.start_mark),
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()


def compose(text: str) -> yaml.Node | None:
    check_shape(text)
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


@dataclass(frozen=True)
class SyntaxProblem:
    """A file that is not valid YAML; line and column are 1-based."""

    line: int
    column: int
    advice: Advice

    @property
    def message(self) -> str:
        """The advice in English."""
        return self.advice.render()


def parse(text: str) -> Any:
    """Parse one YAML document; raises yaml.YAMLError (with a position) on bad syntax."""
    node = compose(text)
    return None if node is None else _construct(node)


def syntax_problem(error: yaml.YAMLError, text: str = "") -> SyntaxProblem:
    """Turn a PyYAML error into plain words with a 1-based position (`text`: the file, to
    recognise a tab where the parser only says it found a character it did not expect)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    lines = text.splitlines()
    indent = (
        lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]
        if line <= len(lines)
        else ""
    )
    if re.search(r"\btab\b", str(problem)) or "\t" in indent:
        return SyntaxProblem(line, column, advice("tab_indent"))
    if isinstance(error, ShapeError):
        return SyntaxProblem(line, column, error.advice)
    if isinstance(error, AdvisedError):
        return SyntaxProblem(line, column, advice("yaml_syntax", detail=error.advice))
    if context:
        found = advice("yaml_syntax_in", context=_words(context), problem=_words(str(problem)))
        return SyntaxProblem(line, column, found)
    return SyntaxProblem(line, column, advice("yaml_syntax", detail=_words(str(problem))))


def _words(text: str) -> Advice | str:
    """The parser's words as advice, to be shown in any language; words it has no advice for
    stay as the parser gives them."""
    return _PARSER_WORDS.get(text, text)


# What libyaml says: where it was when it stopped, and what it found there.
_PARSER_WORDS: dict[str, Advice] = {
    "while scanning a quoted scalar": advice("yaml_while_scanning_quoted"),
    "while parsing a quoted scalar": advice("yaml_while_parsing_quoted"),
    "while scanning a plain scalar": advice("yaml_while_scanning_plain"),
    "while scanning a simple key": advice("yaml_while_scanning_key"),
    "while scanning a block scalar": advice("yaml_while_scanning_block_text"),
    "while scanning for the next token": advice("yaml_while_scanning_token"),
    "while scanning an anchor": advice("yaml_while_scanning_anchor"),
    "while scanning an alias": advice("yaml_while_scanning_alias"),
    "while scanning a tag": advice("yaml_while_scanning_tag"),
    "while parsing a block mapping": advice("yaml_while_parsing_block_mapping"),
    "while parsing a block collection": advice("yaml_while_parsing_block_list"),
    "while parsing a block node": advice("yaml_while_parsing_block_node"),
    "while parsing a flow mapping": advice("yaml_while_parsing_flow_mapping"),
    "while parsing a flow sequence": advice("yaml_while_parsing_flow_list"),
    "while parsing a flow node": advice("yaml_while_parsing_flow_node"),
    "while parsing a node": advice("yaml_while_parsing_node"),
    "expected a single document in the stream": advice("yaml_single_document"),
    "mapping values are not allowed in this context": advice("yaml_colon_not_allowed"),
    "block sequence entries are not allowed in this context": advice("yaml_dash_not_allowed"),
    "could not find expected ':'": advice("yaml_expected_colon"),
    "did not find expected key": advice("yaml_expected_key"),
    "did not find expected '-' indicator": advice("yaml_expected_dash"),
    "did not find expected node content": advice("yaml_expected_value"),
    "did not find expected ',' or ']'": advice("yaml_expected_comma_or_bracket"),
    "did not find expected ',' or '}'": advice("yaml_expected_comma_or_brace"),
    "did not find expected alphabetic or numeric character": advice("yaml_expected_letter"),
    "did not find expected <document start>": advice("yaml_expected_document_start"),
    "found character that cannot start any token": advice("yaml_bad_first_character"),
    "found unexpected end of stream": advice("yaml_unexpected_end"),
    "found unknown escape character": advice("yaml_unknown_escape"),
    "but found another document": advice("yaml_another_document"),
}


Position = tuple[int, int]


def locate(text: str, path: tuple[int | str, ...]) -> Position:
    """1-based (line, column) of what `path` (mapping keys, list indexes) names in `text`.

    A mapping entry is located at its key, so an unknown or wrong field points at its name.
    When the path leads nowhere (a missing field), the deepest entry that exists is used.
    """
    node = compose(text)
    mark = node.start_mark if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            entry = next((kv for kv in node.value if kv[0].value == step), None)
            if entry is None:
                break
            mark, node = entry[0].start_mark, entry[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
            mark = node.start_mark
        else:
            break
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
