"""Expected reader failures. Each carries a short machine reason used by quarantine records."""


class SourceError(Exception):
    """A document that cannot be read. ``reason`` is a stable code, ``str()`` the human message."""

    reason = "unreadable"

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(message)
        self.path = path


class MissingFile(SourceError):
    reason = "missing"


class UnknownFormat(SourceError):
    reason = "unknown_format"


class UndecodableText(SourceError):
    reason = "undecodable"


class EmptyDocument(SourceError):
    reason = "empty"


class ImageOnlyDocument(SourceError):
    reason = "image_only"


class EncryptedDocument(SourceError):
    reason = "encrypted"


class CorruptDocument(SourceError):
    reason = "corrupt"


class ReadTimeout(SourceError):
    reason = "timeout"


class Unsupported(SourceError):
    """A file type the project has no reader for (yet): .doc/.wps, images, HTML/DOCX until their
    readers are registered, other archive formats."""

    reason = "unsupported"


class LinkRefused(SourceError):
    """A symbolic link: never followed, so nothing outside the sources folder is ever opened."""

    reason = "link"


class OutsideSources(LinkRefused):
    """A link (or a path) that leads outside the sources folder."""

    reason = "outside_sources"


class NotRegularFile(SourceError):
    """A FIFO, socket or device: reading it could block or never end."""

    reason = "not_a_file"


class UnreadableText(SourceError):
    """Text that decodes but is not language: mojibake, random character soup, binary junk.

    ``figures`` holds the measurements that led there (see sources/text_quality.py)."""

    reason = "unreadable_text"

    def __init__(self, message: str, *, path: str | None = None, figures: dict | None = None):
        super().__init__(message, path=path)
        self.figures = figures or {}


class UnreadableTextLayer(UnreadableText):
    """A PDF whose pages' text layers decode to nonsense and that OCR cannot read either."""

    reason = "unreadable_text_layer"


class LimitExceeded(SourceError):
    """A per-document resource limit (sources/limits.py); each limit has its own reason code."""

    reason = "limit"


class TooLarge(LimitExceeded):
    reason = "too_large"  # file bytes


class DecodedTooLarge(LimitExceeded):
    reason = "decoded_too_large"  # decompressed stream bytes (flate bombs)


class TooManyPages(LimitExceeded):
    reason = "too_many_pages"


class TooManyChars(LimitExceeded):
    reason = "too_many_chars"


class TooManyObjects(LimitExceeded):
    reason = "too_many_objects"


class MemoryLimit(LimitExceeded):
    reason = "memory_limit"  # the child's address-space limit (RLIMIT_AS) was reached


class PageTreeCycle(CorruptDocument):
    reason = "page_tree_cycle"


class XObjectCycle(CorruptDocument):
    reason = "xobject_cycle"  # a form XObject that draws itself (directly or through others)


class ReferenceFanout(LimitExceeded):
    reason = "reference_fanout"  # nested XObjects whose expanded drawing count explodes


class ArchiveRefused(SourceError):
    """A zip archive (or one member) refused by the archive rules (sources/archive.py)."""

    reason = "archive_refused"


class UnsafeMemberPath(ArchiveRefused):
    reason = "unsafe_member_path"


class NestedArchive(ArchiveRefused):
    reason = "nested_archive"


class TooManyMembers(ArchiveRefused):
    reason = "too_many_members"


class CompressionRatio(ArchiveRefused):
    reason = "compression_ratio"


class ArchiveTooLarge(ArchiveRefused):
    reason = "archive_too_large"


class CorruptArchive(ArchiveRefused):
    reason = "corrupt_archive"
