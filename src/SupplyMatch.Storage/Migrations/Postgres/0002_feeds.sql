-- SupplyMatch schema, version 2 (PostgreSQL): feeds that pull demand lines and harvest forecasts from buyer and base systems.
CREATE TABLE feeds (
    id text PRIMARY KEY,
    kind text NOT NULL,
    owner_id text NOT NULL,
    url text NOT NULL,
    format text NOT NULL,
    cron text NOT NULL,
    mode text NOT NULL,
    auth_header_name text,
    auth_header_value text,
    enabled boolean NOT NULL,
    etag text,
    last_modified text,
    body_sha256 text,
    lease_run_id uuid,
    lease_until timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL
);
CREATE INDEX feeds_owner ON feeds (owner_id, id);

CREATE TABLE feed_runs (
    id uuid PRIMARY KEY,
    feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    trigger text NOT NULL,
    status text NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    http_status integer,
    attempts integer NOT NULL,
    bytes bigint,
    rows_read integer NOT NULL,
    rows_created integer NOT NULL,
    rows_updated integer NOT NULL,
    rows_unchanged integer NOT NULL,
    rows_cancelled integer NOT NULL,
    rows_kept integer NOT NULL,
    rows_rejected integer NOT NULL,
    error text
);
CREATE INDEX feed_runs_feed ON feed_runs (feed_id, started_at DESC);

CREATE TABLE feed_run_rejections (
    run_id uuid NOT NULL REFERENCES feed_runs (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    row_no integer NOT NULL,
    external_id text,
    column_name text,
    message text NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- A line or lot that came from a feed is keyed by (feed, the owner's own id for it); NULLs (API input) never collide.
ALTER TABLE demand_lines ADD COLUMN feed_id text;
ALTER TABLE demand_lines ADD COLUMN external_id text;
CREATE UNIQUE INDEX demand_lines_feed ON demand_lines (feed_id, external_id);

ALTER TABLE harvest_lots ADD COLUMN status text NOT NULL DEFAULT 'open';
ALTER TABLE harvest_lots ADD COLUMN feed_id text;
ALTER TABLE harvest_lots ADD COLUMN external_id text;
CREATE UNIQUE INDEX harvest_lots_feed ON harvest_lots (feed_id, external_id);

-- Every replaced version of a demand line: its terms while it was current, and who replaced it when.
CREATE TABLE demand_line_revisions (
    line_id text NOT NULL,
    version integer NOT NULL,
    product_code text NOT NULL,
    min_grade text NOT NULL,
    quantity_kg integer NOT NULL,
    earliest date NOT NULL,
    latest date NOT NULL,
    max_landed_cny_per_kg numeric(12, 2) NOT NULL,
    min_freshness_pct integer NOT NULL,
    partial_allowed boolean NOT NULL,
    priority integer NOT NULL,
    status text NOT NULL,
    valid_from timestamptz NOT NULL,
    replaced_at timestamptz NOT NULL,
    replaced_by text NOT NULL,
    PRIMARY KEY (line_id, version)
);

-- Like demand lines (0001), lots and their revisions no longer check reference keys row by row: the API and the feed
-- parser check base and product against the reference data before accepting a lot (reference rows are never deleted),
-- and the per-row checks tripled the time of a 200,000-lot feed merge.
ALTER TABLE harvest_lots DROP CONSTRAINT harvest_lots_base_id_fkey;
ALTER TABLE harvest_lots DROP CONSTRAINT harvest_lots_product_code_fkey;
ALTER TABLE lot_revisions DROP CONSTRAINT lot_revisions_lot_id_fkey;
