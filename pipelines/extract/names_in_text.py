"""Which of many names (the register's thousands of division names) a text holds, in one scan.

Asking ``name in text`` for every name costs a scan of the text per name. Instead one compiled
pattern finds, at every position of the text, the longest name starting there; every name that
occurs is a prefix of such a longest name (a shorter one at the same position), so the prefixes
complete the set: the same names, in the caller's order, at the cost of one scan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extract.lexicon import alternation


class NameIndex:
    def __init__(self, names: Sequence[str]):
        self.names = tuple(names)
        self._rank: dict[str, int] = {}
        for i, n in enumerate(self.names):
            self._rank.setdefault(n, i)
        self._pattern = re.compile(f"(?=({alternation(self.names)}))")

    def present(self, text: str) -> list[str]:
        """The names that occur in ``text`` (as ``name in text`` tells), in the order given."""
        rank = self._rank
        found: set[str] = set()
        for m in self._pattern.finditer(text):
            longest = m[1]
            found.update(longest[:k] for k in range(1, len(longest) + 1) if longest[:k] in rank)
        return sorted(found, key=rank.__getitem__)
