-- SupplyMatch schema, version 1 (SQLite). Applied inside one transaction by MigrationRunner.
CREATE TABLE cities (
    id text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE products (
    code text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    category text NOT NULL,
    shelf_life_days integer NOT NULL,
    storage_class text NOT NULL,
    crate_kg TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE bases (
    id text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    province text NOT NULL,
    county_zh text NOT NULL,
    county_en text NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    certifications text NOT NULL,
    poor_households integer NOT NULL,
    poverty_county INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE buyers (
    id text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    type text NOT NULL,
    city_id text NOT NULL REFERENCES cities (id),
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    required_certifications text NOT NULL,
    receive_from TEXT NOT NULL,
    receive_to TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE vehicle_types (
    id text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    capacity_kg integer NOT NULL,
    refrigerated INTEGER NOT NULL,
    cost_per_km TEXT NOT NULL,
    fixed_cost TEXT NOT NULL,
    speed_kmh REAL NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE lanes (
    origin_id text NOT NULL REFERENCES bases (id),
    destination_id text NOT NULL,
    distance_km REAL NOT NULL,
    hours REAL NOT NULL,
    cost_per_kg TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (origin_id, destination_id)
);

-- No foreign keys on demand lines: the API checks buyer and product against the reference data before accepting a line
-- (reference rows are never deleted), and per-row key checks would halve the speed of batch intake.
CREATE TABLE demand_lines (
    id text PRIMARY KEY,
    buyer_id text NOT NULL,
    product_code text NOT NULL,
    min_grade text NOT NULL,
    quantity_kg integer NOT NULL,
    earliest TEXT NOT NULL,
    latest TEXT NOT NULL,
    max_landed_cny_per_kg TEXT NOT NULL,
    min_freshness_pct integer NOT NULL,
    partial_allowed INTEGER NOT NULL,
    priority integer NOT NULL,
    status text NOT NULL,
    version integer NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX demand_lines_buyer ON demand_lines (buyer_id, id);
CREATE INDEX demand_lines_window ON demand_lines (latest, earliest);

CREATE TABLE harvest_lots (
    id text PRIMARY KEY,
    base_id text NOT NULL REFERENCES bases (id),
    product_code text NOT NULL REFERENCES products (code),
    grade text NOT NULL,
    harvest_date TEXT NOT NULL,
    available_from TEXT NOT NULL,
    available_to TEXT NOT NULL,
    quantity_kg integer NOT NULL,
    firm_kg integer,
    price_cny_per_kg TEXT NOT NULL,
    min_order_kg integer NOT NULL,
    revision integer NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX harvest_lots_base ON harvest_lots (base_id, id);
CREATE INDEX harvest_lots_window ON harvest_lots (available_to, available_from);

CREATE TABLE lot_revisions (
    lot_id text NOT NULL REFERENCES harvest_lots (id),
    revision integer NOT NULL,
    quantity_kg integer NOT NULL,
    firm_kg integer,
    price_cny_per_kg TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by text NOT NULL,
    PRIMARY KEY (lot_id, revision)
);

CREATE TABLE round_schedules (
    id text PRIMARY KEY,
    cron text NOT NULL,
    horizon_offset_days integer NOT NULL,
    horizon_days integer NOT NULL,
    settings TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by text NOT NULL
);

-- The snapshot (the exact MatchingProblem) and the full result are gzip-compressed JSON: immutable documents that can
-- exceed jsonb's 256 MB limit on large rounds; KPIs and statistics stay queryable as JSON.
CREATE TABLE rounds (
    id BLOB PRIMARY KEY,
    status text NOT NULL,
    horizon_from TEXT NOT NULL,
    horizon_to TEXT NOT NULL,
    cutoff TEXT NOT NULL,
    settings TEXT NOT NULL,
    snapshot_gzip BLOB NOT NULL,
    snapshot_sha256 text NOT NULL,
    line_count integer NOT NULL,
    lot_count integer NOT NULL,
    schedule_id text,
    created_at TEXT NOT NULL,
    created_by text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    lease_owner text,
    lease_until TEXT,
    started_at TEXT,
    finished_at TEXT,
    error text,
    result_gzip BLOB,
    statistics TEXT,
    kpis TEXT,
    published_at TEXT,
    published_by text
);
CREATE INDEX rounds_created ON rounds (created_at);
CREATE INDEX rounds_published ON rounds (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE round_lines (
    round_id BLOB NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    line_id text NOT NULL,
    PRIMARY KEY (round_id, line_id)
);
CREATE INDEX round_lines_line ON round_lines (line_id);

CREATE TABLE round_allocations (
    round_id BLOB NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    lot_id text NOT NULL,
    line_id text NOT NULL,
    base_id text NOT NULL,
    buyer_id text NOT NULL,
    product_code text NOT NULL,
    kg integer NOT NULL,
    ship_day TEXT NOT NULL,
    delivery_day TEXT NOT NULL,
    distance_km REAL NOT NULL,
    freshness_pct integer NOT NULL,
    ex_farm_cny_per_kg TEXT NOT NULL,
    transport_cny_per_kg TEXT NOT NULL,
    landed_cny_per_kg TEXT NOT NULL,
    poverty_bonus_cny_per_kg TEXT NOT NULL,
    PRIMARY KEY (round_id, seq)
);
CREATE INDEX round_allocations_buyer ON round_allocations (round_id, buyer_id);
CREATE INDEX round_allocations_base ON round_allocations (round_id, base_id);
CREATE INDEX round_allocations_product ON round_allocations (round_id, product_code);
CREATE INDEX round_allocations_day ON round_allocations (round_id, delivery_day);

CREATE TABLE round_unmet (
    round_id BLOB NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    line_id text NOT NULL,
    buyer_id text NOT NULL,
    product_code text NOT NULL,
    requested_kg integer NOT NULL,
    allocated_kg integer NOT NULL,
    unmet_kg integer NOT NULL,
    reason text NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (round_id, line_id)
);

CREATE TABLE api_keys (
    id BLOB PRIMARY KEY,
    key_hash text NOT NULL UNIQUE,
    role text NOT NULL,
    owner_id text,
    name text NOT NULL,
    created_at TEXT NOT NULL,
    created_by text NOT NULL,
    revoked_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_key_id text NOT NULL,
    actor_role text NOT NULL,
    actor_owner_id text,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    detail text
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE idempotency_keys (
    owner text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status_code integer,
    content_type text,
    location text,
    response_body BLOB,
    created_at TEXT NOT NULL,
    PRIMARY KEY (owner, key)
);
