"""Parsed data (front matter, a stamp's JSON): a change made to each of its strings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def each_string(value: Any, change: Callable[[str], str]) -> Any:
    """`value` (a string, or parsed data) with `change` made to each of its strings, however
    deep in lists, tuples and mappings; its other values as they are."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [each_string(item, change) for item in value]
    if isinstance(value, tuple):
        return tuple(each_string(item, change) for item in value)
    if isinstance(value, dict):
        return {key: each_string(item, change) for key, item in value.items()}
    return value
