-- Documents read, and documents that could not be read.
CREATE TABLE dim_document (
    doc_id VARCHAR NOT NULL,
    sha256 VARCHAR PRIMARY KEY,
    source_path VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    encoding VARCHAR,
    title VARCHAR,
    pages INTEGER,
    chars INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    publisher VARCHAR,
    publication_date DATE,
    notes VARCHAR
);
COMMENT ON TABLE dim_document IS 'Every document read into the warehouse, keyed by the SHA-256 of its content.';
COMMENT ON COLUMN dim_document.doc_id IS 'Document id: the file stem.';
COMMENT ON COLUMN dim_document.sha256 IS 'SHA-256 of the file content; the document key.';
COMMENT ON COLUMN dim_document.source_path IS 'Path of the file relative to its source folder.';
COMMENT ON COLUMN dim_document.media_type IS 'text/plain or application/pdf.';
COMMENT ON COLUMN dim_document.encoding IS 'Detected text encoding (text files).';
COMMENT ON COLUMN dim_document.title IS 'Headline or first line.';
COMMENT ON COLUMN dim_document.pages IS 'Number of pages (PDF); null for text.';
COMMENT ON COLUMN dim_document.chars IS 'Characters of reading-order text.';
COMMENT ON COLUMN dim_document.mentions IS 'Metric mentions extracted from it.';
COMMENT ON COLUMN dim_document.extractor_version IS 'Version of the extractor that produced its mentions.';
COMMENT ON COLUMN dim_document.status IS 'loaded.';
COMMENT ON COLUMN dim_document.publisher IS 'Publisher (newspaper or committee office) when the document says, e.g. 石嘴山日报; null otherwise.';
COMMENT ON COLUMN dim_document.publication_date IS 'Publication date when known; null otherwise.';
COMMENT ON COLUMN dim_document.notes IS 'How it was read when that matters, e.g. a PDF repaired through pdfium, a suffix that names another type; null otherwise.';

CREATE TABLE quarantine (
    source_path VARCHAR NOT NULL,
    sha256 VARCHAR,
    reason VARCHAR NOT NULL,
    message VARCHAR NOT NULL
);
COMMENT ON TABLE quarantine IS 'Files that were not loaded (quarantined or unsupported), with the reason; they leave once fixed. file_outcome has every file.';
COMMENT ON COLUMN quarantine.source_path IS 'Path of the file relative to its source folder.';
COMMENT ON COLUMN quarantine.sha256 IS 'SHA-256 of the file content, when it could be read at all.';
COMMENT ON COLUMN quarantine.reason IS 'Stable reason code (the same codes as file_outcome.reason).';
COMMENT ON COLUMN quarantine.message IS 'Human-readable explanation.';
