-- SupplyMatch schema, version 5 (SQLite): the ASP.NET Core Data Protection key ring that encrypts feed auth secrets
-- (feeds.auth_header_value), kept in this file with the data it protects. One XML element per key (or revocation), as
-- Data Protection writes it; back it up with the database: without it, the stored secrets cannot be decrypted.
CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at TEXT NOT NULL
);
