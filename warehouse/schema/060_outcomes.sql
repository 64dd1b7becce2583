-- What became of every file found in the sources folder, and the mentions held back for review.
CREATE TABLE file_outcome (
    source_path VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    reason VARCHAR,
    message VARCHAR,
    duplicate_of VARCHAR,
    archive_path VARCHAR,
    sha256 VARCHAR,
    sniffed_type VARCHAR,
    type_mismatch VARCHAR,
    notes VARCHAR,
    detail VARCHAR,
    seconds DOUBLE
);
COMMENT ON TABLE file_outcome IS 'One row per file found in the sources folder at publish (archive members included): loaded, quarantined with a reason, unsupported, duplicate of another file, or expanded (a zip archive). Key: source_path.';
COMMENT ON COLUMN file_outcome.source_path IS 'Path relative to the sources folder; an archive member is <archive>!/<path inside>.';
COMMENT ON COLUMN file_outcome.status IS 'loaded, quarantined, unsupported, duplicate or expanded.';
COMMENT ON COLUMN file_outcome.reason IS 'Stable reason code when not loaded: link, outside_sources, not_a_file, empty, unsupported, unreadable_text, undecodable, encrypted, corrupt, image_only, timeout, memory_limit, too_large, decoded_too_large, too_many_pages, too_many_chars, too_many_objects, reference_fanout, page_tree_cycle, xobject_cycle, unsafe_member_path, nested_archive, too_many_members, compression_ratio, archive_too_large, corrupt_archive, extraction_error, missing, duplicate.';
COMMENT ON COLUMN file_outcome.message IS 'Human-readable explanation.';
COMMENT ON COLUMN file_outcome.duplicate_of IS 'For a duplicate: the file with the same content that stands for it.';
COMMENT ON COLUMN file_outcome.archive_path IS 'For an archive member: the archive it came from.';
COMMENT ON COLUMN file_outcome.sha256 IS 'SHA-256 of the content, when it was read at all (never for links and special files).';
COMMENT ON COLUMN file_outcome.sniffed_type IS 'Type by content: pdf, text, html, docx, zip, ole (.doc/.wps), image, other_archive, binary.';
COMMENT ON COLUMN file_outcome.type_mismatch IS 'Set when the suffix names another type than the content, e.g. "content is text, the name suggests pdf".';
COMMENT ON COLUMN file_outcome.notes IS 'Notes on a loaded document, e.g. a PDF repaired through pdfium.';
COMMENT ON COLUMN file_outcome.detail IS 'JSON figures behind a reason, e.g. the text-quality measurements of unreadable_text.';
COMMENT ON COLUMN file_outcome.seconds IS 'Seconds spent reading and extracting it when it was last processed (null when it was never read).';

CREATE TABLE mention_review (
    sha256 VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    surface VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR
);
COMMENT ON TABLE mention_review IS 'Mentions held back for review (one row each): loaded into fact_mention but left out of the reconciled figures until a person settles them. Key: (sha256, char_start, char_end).';
COMMENT ON COLUMN mention_review.sha256 IS 'Document (dim_document.sha256).';
COMMENT ON COLUMN mention_review.doc_id IS 'Document id.';
COMMENT ON COLUMN mention_review.char_start IS 'Start of the quantity (fact_mention.char_start).';
COMMENT ON COLUMN mention_review.char_end IS 'End of the quantity (fact_mention.char_end).';
COMMENT ON COLUMN mention_review.surface IS 'The quantity as written.';
COMMENT ON COLUMN mention_review.reason IS 'no_period, committee_not_in_register, unattributed, out_of_bounds or unknown_metric.';
COMMENT ON COLUMN mention_review.detail IS 'What was found, e.g. the value and the catalog bounds.';

CREATE VIEW v_file_outcome_counts AS
SELECT status, coalesce(reason, '') AS reason, count(*) AS files
FROM file_outcome
GROUP BY ALL
ORDER BY status, reason;
COMMENT ON VIEW v_file_outcome_counts IS 'Grain 粒度: one row per status x reason. Files per outcome status and reason code.';
COMMENT ON COLUMN v_file_outcome_counts.status IS 'loaded, quarantined, unsupported, duplicate or expanded.';
COMMENT ON COLUMN v_file_outcome_counts.reason IS 'Reason code ('''' for loaded and expanded files).';
COMMENT ON COLUMN v_file_outcome_counts.files IS 'Number of files.';
