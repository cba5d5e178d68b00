-- SupplyMatch schema, version 5 (PostgreSQL): the ASP.NET Core Data Protection key ring that encrypts feed auth secrets
-- (feeds.auth_header_value), shared by every instance on this database. One XML element per key (or revocation), as
-- Data Protection writes it; back it up with the database: without it, the stored secrets cannot be decrypted.
CREATE TABLE data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at timestamptz NOT NULL
);
