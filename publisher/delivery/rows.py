"""What both list databases (SQLite and PostgreSQL) add to their connections alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class _Executes(Protocol):
    def execute(self, sql: str, params: Sequence[Any], /) -> Any: ...


class OneRow:
    """`one`: the row a query always returns, or a LookupError naming the query."""

    def one(self: _Executes, sql: str, params: Sequence[Any] = ()) -> Any:
        """The row a query always returns (an aggregate, RETURNING, a function's value)."""
        row = self.execute(sql, params).fetchone()
        if row is None:
            raise LookupError(f"no row where one is always expected: {sql}")
        return row
