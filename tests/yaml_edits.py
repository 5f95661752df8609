"""Copies of parsed YAML with one value replaced or deleted, for tests of error messages."""

from __future__ import annotations

import copy
from typing import Any

DELETE = object()  # as the new value: delete the key instead


def broken(raw: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``raw`` with the value at ``path`` (keys and list indices) replaced."""
    data = copy.deepcopy(raw)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data
