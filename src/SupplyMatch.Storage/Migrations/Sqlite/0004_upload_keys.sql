-- SupplyMatch schema, version 4 (SQLite): uploaded lines files are keyed by (buyer, the file's own id for the row).
-- A line from an upload keeps the file's id in external_id with no feed_id; uploading the same id again for the same buyer
-- updates or leaves that line instead of adding another. Feed lines (feed_id set) and lines typed into the API (no
-- external_id) are outside this key.
CREATE UNIQUE INDEX demand_lines_upload ON demand_lines (buyer_id, external_id) WHERE feed_id IS NULL AND external_id IS NOT NULL;
