"""Changing one value of a record file in place, keeping every other byte: comments, key
order, quoting and the schema line. Used by the translators' round trip (translations.py).

A YAML library that loads and dumps the whole file would re-quote and re-wrap text a
volunteer wrote; this edits the file's text at the positions the YAML parser reports.
New and changed strings are written double-quoted as JSON writes them (valid YAML).
"""

from __future__ import annotations

import json

import yaml

Path_ = tuple[str | int, ...]


def _compose(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        raise ValueError("a record file is a mapping")
    return node


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(step, int):
        if isinstance(node, yaml.SequenceNode) and step < len(node.value):
            child: yaml.Node = node.value[step]
            return child
        return None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                found: yaml.Node = value
                return found
    return None


def _find(text: str, path: Path_) -> yaml.Node:
    node: yaml.Node | None = _compose(text)
    for step in path:
        node = _child(node, step) if node is not None else None
    if node is None:
        raise KeyError(".".join(map(str, path)))
    return node


def scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def set_text(text: str, path: Path_, language: str, value: str) -> str:
    """The file with the localized text at `path` holding `value` in `language`."""
    mapping = _find(text, path)
    if not isinstance(mapping, yaml.MappingNode):
        raise ValueError(f"{'.'.join(map(str, path))} is not a localized text")
    for key, current in mapping.value:
        if key.value == language:
            if current.value.strip() == value.strip():  # the models strip whitespace too
                return text
            start, end = current.start_mark.index, current.end_mark.index
            line_break = "\n" if text[end - 1 : end] == "\n" else ""  # block scalars end after it
            return text[:start] + scalar(value) + line_break + text[end:]
    if mapping.flow_style:
        end = mapping.end_mark.index - 1  # before the closing brace
        return text[:end] + f", {language}: {scalar(value)}" + text[end:]
    last_key, last_value = mapping.value[-1]
    indent = " " * last_key.start_mark.column
    end = last_value.end_mark.index
    if text[end - 1 : end] == "\n":  # a block scalar ends after its line break
        return text[:end] + f"{indent}{language}: {scalar(value)}\n" + text[end:]
    return text[:end] + f"\n{indent}{language}: {scalar(value)}" + text[end:]


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def set_top_list(text: str, key: str, items: list[str], before: str = "sources") -> str:
    """The file with the top-level `key` as a flow list of `items`; removed when empty,
    added on its own line before the key `before` when missing."""
    root = _compose(text)
    for key_node, value in root.value:
        if key_node.value == key:
            if isinstance(value, yaml.SequenceNode) and [v.value for v in value.value] == items:
                return text
            start = _line_start(text, key_node.start_mark.index)
            end = text.find("\n", value.end_mark.index - 1)
            end = len(text) if end < 0 else end + 1
            line = f"{key}: [{', '.join(items)}]\n" if items else ""
            return text[:start] + line + text[end:]
    if not items:
        return text
    for key_node, _ in root.value:
        if key_node.value == before:
            start = _line_start(text, key_node.start_mark.index)
            return text[:start] + f"{key}: [{', '.join(items)}]\n" + text[start:]
    return text.rstrip("\n") + f"\n{key}: [{', '.join(items)}]\n"
