"""Record files are read as YAML 1.2: `no` is Norwegian, `09:00` a time, keys are unique."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from directory.data import yamlfile


def test_yaml_1_2_core_schema_values() -> None:
    text = (
        "a: no\nb: yes\nc: 09:00\nd: 0123\ne: true\nf: 1.5\ng: ~\nh: 2026-11-20\ni: 0x1f\nj: off\n"
    )
    assert yamlfile.parse(text) == {
        "a": "no",
        "b": "yes",
        "c": "09:00",
        "d": 123,
        "e": True,
        "f": 1.5,
        "g": None,
        "h": date(2026, 11, 20),
        "i": 31,
        "j": "off",
    }


def test_duplicate_keys_are_refused_with_their_position() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        yamlfile.parse("id: x\nname: {en: A}\nid: y\n")
    problem = yamlfile.syntax_problem(raised.value)
    assert (problem.line, problem.column) == (3, 1)
    assert '"id" appears twice' in problem.message


def test_locate_points_at_keys_and_list_items() -> None:
    text = "id: x\nlocations:\n  - id: main\n    address: {city: Praha}\nlanguages: [cs, uk]\n"
    assert yamlfile.locate(text, ("locations", 0, "address", "city")) == (4, 15)
    assert yamlfile.locate(text, ("languages", 1)) == (5, 17)
    assert yamlfile.locate(text, ("locations", 0, "hours")) == (3, 5)  # missing: deepest found


def test_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        yamlfile.parse("id: !!python/object:os.system x\n")
    assert "not allowed" in yamlfile.syntax_problem(raised.value).message


@pytest.mark.parametrize(
    "text",
    [
        "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 40)) + " " * 40 + "x",
        "a:\n  " + "- " * 100 + "x",
        "a: " + "[" * 30 + "]" * 30,
        "a: &x [*x]",
        "a: &x b\nc: *x",
    ],
    ids=["indented", "entry-run", "brackets", "self-alias", "alias"],
)
def test_deep_or_aliased_text_is_refused_however_it_is_written(text: str) -> None:
    """The quick look that spares plain records the event-by-event check lets none of these
    through: each is refused with a position, never crashes or expands."""
    with pytest.raises(yamlfile.ShapeError):
        yamlfile.parse(text)
