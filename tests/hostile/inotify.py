"""Watch files for opens and reads with Linux inotify (ctypes; no strace, no extra package).

Adding a watch opens nothing; the kernel reports every later open (IN_OPEN) or read (IN_ACCESS)
of the watched file, or of any file in a watched folder and of the folder itself (a listing).
"""

from __future__ import annotations

import ctypes
import os
import struct
from pathlib import Path

IN_ACCESS = 0x001
IN_OPEN = 0x020
_EVENT = struct.Struct("iIII")


class Watch:
    def __init__(self, paths: list[Path]):
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self.names: dict[int, str] = {}
        for p in paths:
            wd = self._libc.inotify_add_watch(self.fd, os.fsencode(p), IN_OPEN | IN_ACCESS)
            if wd < 0:
                raise OSError(ctypes.get_errno(), f"inotify_add_watch {p}")
            self.names[wd] = str(p)

    def events(self) -> list[tuple[str, str, int]]:
        """(watched path, file name inside it or '', mask) for every open/read since the watch began."""
        out = []
        while True:
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                return out
            pos = 0
            while pos < len(buf):
                wd, mask, _cookie, length = _EVENT.unpack_from(buf, pos)
                name = buf[pos + _EVENT.size : pos + _EVENT.size + length].rstrip(b"\0").decode()
                out.append((self.names.get(wd, "?"), name, mask))
                pos += _EVENT.size + length

    def close(self) -> None:
        os.close(self.fd)
