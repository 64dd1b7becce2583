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


class UnsupportedFormat(SourceError):
    """A known format no reader handles (legacy Word .doc, WPS .wps): convert it to DOCX or PDF."""

    reason = "unsupported"
