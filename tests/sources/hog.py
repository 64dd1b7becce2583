"""A reader that allocates far more than any document needs (for the memory-limit test)."""


def read(path: str):
    hog = bytearray(8 << 30)  # 8 GiB
    return hog
