-- SupplyMatch schema, version 8 (SQLite): forget the validators (ETag, Last-Modified, SHA-256) of every feed's last
-- merged body. Earlier versions remembered a body even when a row of it was rejected for a reason that may pass while
-- the file stays the same (an unknown product since added, a line held by a round since cancelled), so that row was
-- never read again while the file did not change. The next pull of each feed reads its file in full once; rows that
-- match their line or lot change nothing.
UPDATE feeds SET etag = NULL, last_modified = NULL, body_sha256 = NULL;
