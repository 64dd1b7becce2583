"""Plain-text reports in any of the encodings Chinese offices use.

Decoding order (strict at every step, never "replace"):
1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. UTF-8;
3. GB18030 (a superset of GBK and GB2312), Big5 and BOM-less UTF-16 LE/BE are all tried; the
   decoding whose text is most plausible (:func:`plausibility`) wins. These encodings decode most
   double-byte input without error, so a plausibility score is the only honest way to choose;
   charset detectors misread short GBK text as Big5.
A file none of these reads plausibly is an error, not garbage.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from sources import text_quality
from sources.document import Article, Block, Document
from sources.errors import EmptyDocument, TooManyChars, UndecodableText
from sources.limits import current as current_limits
from sources.normalize import for_extraction, to_simplified
from sources.safe_open import read_bytes

_MIN_PLAUSIBLE = 0.8  # share of plausible characters a legacy decoding must reach
_SCORED_CHARS = 200_000  # plausibility is judged on the first characters (a 20 MB file in seconds)
_SENTENCE_END = "。！？；：!?;:…"


def plausibility(text: str) -> float:
    """Share of characters that plausible Chinese report text is made of.

    Counts ASCII printables and whitespace, CJK and full-width punctuation, and hanzi that are
    GB2312 level-1 (the 3,755 common characters) once simplified. A wrong legacy decoding lands on
    rare characters, control codes or private-use points and scores low.
    """
    if not text:
        return 0.0
    simplified = to_simplified(text)
    good = 0
    for ch in simplified:
        o = ord(ch)
        if (
            0x20 <= o < 0x7F
            or ch in "\n\r\t"
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or ch in "“”‘’—…·"
        ):
            good += 1
        elif 0x4E00 <= o <= 0x9FFF:
            try:
                b = ch.encode("gb2312")
            except UnicodeEncodeError:
                continue
            good += 0xB0 <= b[0] <= 0xD7
    return good / len(simplified)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise UndecodableText with the reason."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise UndecodableText(f"byte-order mark says {enc} but the bytes are not: {e.reason}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = ["gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]
    scored = []
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text[:_SCORED_CHARS]), enc, text))
    tried = "UTF-8, GB18030, Big5" + (", UTF-16" if len(data) % 2 == 0 else "")
    if not scored:
        raise UndecodableText(f"no encoding decodes the bytes (tried {tried})")
    share, enc, text = max(scored)
    if share < _MIN_PLAUSIBLE:
        raise UndecodableText(
            f"no encoding gives plausible text (tried {tried}; best {enc} with {share:.0%} plausible characters)"
        )
    return text, enc


def _join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: no space next to a CJK character, one space otherwise."""
    out = ""
    for line in lines:
        if out and not (_is_cjk(out[-1]) or _is_cjk(line[0])):
            out += " "
        out += line
    return out


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def paragraphs(raw: str) -> list[str]:
    """Paragraphs of a text report: blank-line separated, or one per line when there are none."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    has_blank_separators = any(not ln for ln in lines[1:-1]) and sum(1 for ln in lines if ln) > 1
    paras: list[str] = []
    current: list[str] = []
    for ln in lines:
        if not ln:
            if current:
                paras.append(_join_lines(current))
                current = []
            continue
        if has_blank_separators:
            current.append(ln)
        else:
            paras.append(ln)
    if current:
        paras.append(_join_lines(current))
    return paras


def _role(index: int, para: str) -> str:
    if index == 0 and len(para) <= 40 and para[-1] not in _SENTENCE_END:
        return "headline"
    if index == 1 and para.startswith(("——", "—", "--")):
        return "subtitle"
    if len(para) <= 30 and para[-1] not in _SENTENCE_END and "。" not in para:
        return "heading"
    return "body"


def read_text(path: Path) -> Document:
    limits = current_limits()
    data = read_bytes(path, limits.max_file_bytes)
    raw, encoding = decode(data)
    if len(raw) > limits.max_chars:  # refused before paragraphs and normalisation copy it
        raise TooManyChars(f"{len(raw):,} characters, over the limit of {limits.max_chars:,}")
    quality = text_quality.check(raw)  # soup and mojibake refused before they are laid out
    paras = paragraphs(raw)
    if not paras:
        raise EmptyDocument("the file holds no text")
    blocks: list[Block] = []
    pos = 0
    for i, para in enumerate(paras):
        blocks.append(Block(start=pos, end=pos + len(para), role=_role(i, para)))
        pos += len(para) + 2
    display = "\n\n".join(paras)
    headline = paras[0] if blocks[0].role == "headline" else ""
    return Document(
        doc_id=path.stem,
        path=str(path),
        media_type="text/plain",
        sha256=hashlib.sha256(data).hexdigest(),
        text=for_extraction(display),
        display_text=display,
        blocks=blocks,
        articles=[Article(0, headline)],
        pages=None,
        encoding=encoding,
        metadata={"title": headline, "text_quality": quality},
    )
