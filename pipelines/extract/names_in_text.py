"""Which of many names (the register's thousands of division names) a text holds, in one pass.

Asking ``name in text`` for every name costs a scan of the text per name, and a compiled
alternation of thousands of names tries its first-level branches one by one at every position.
Instead a trie of the names (a dict per character) is walked from each position of the text: a
position whose character starts no name costs one dict lookup, and every name that occurs is
found where it starts. Same names as the scan per name, in the caller's order.
"""

from __future__ import annotations

from collections.abc import Sequence

_END = ""  # the key that marks a node where a name ends (no name is empty)


class NameIndex:
    def __init__(self, names: Sequence[str]):
        self.names = tuple(names)
        self._rank: dict[str, int] = {}
        self._trie: dict = {}
        for i, n in enumerate(self.names):
            if not n or n in self._rank:
                continue
            self._rank[n] = i
            node = self._trie
            for ch in n:
                node = node.setdefault(ch, {})
            node[_END] = n

    def present(self, text: str) -> list[str]:
        """The names that occur in ``text`` (as ``name in text`` tells), in the order given."""
        trie, found, n = self._trie, set(), len(text)
        for i, ch in enumerate(text):
            node = trie.get(ch)
            j = i + 1
            while node is not None:
                name = node.get(_END)
                if name is not None:
                    found.add(name)
                if j == n:
                    break
                node = node.get(text[j])
                j += 1
        return sorted(found, key=self._rank.__getitem__)
