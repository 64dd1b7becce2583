"""What a killed writer leaves beside a store file is removed, once a folder per minute."""

import os
import time

from pipelines.run import store as store_module


def _stale(path, age):
    path.write_bytes(b"half")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temporaries_go_fresh_ones_stay_and_a_folder_is_listed_once_a_minute(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "_SWEPT", {})
    target = tmp_path / "abc.json"
    stale = _stale(tmp_path / ".abc.json1234.tmp", 120)
    other = _stale(tmp_path / ".def.parquet99.tmp", 120)  # another file's, same folder
    fresh = _stale(tmp_path / ".abc.json5678.tmp", 1)  # a live writer's
    store_module._drop_stale_temporaries(target)
    assert not stale.exists() and not other.exists() and fresh.exists()

    later = _stale(tmp_path / ".ghi.json42.tmp", 120)
    store_module._drop_stale_temporaries(target)
    assert later.exists()  # the folder was looked at less than a minute ago
    now = time.time()
    monkeypatch.setattr(store_module.time, "time", lambda: now + store_module.STALE_TEMP_SECONDS + 1)
    store_module._drop_stale_temporaries(target)
    assert not later.exists()
