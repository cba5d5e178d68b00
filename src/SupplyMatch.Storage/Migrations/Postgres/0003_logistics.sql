-- SupplyMatch schema, version 3 (PostgreSQL): hubs as reference data, and whole-truck logistics of rounds.
-- Origin consolidation hubs (region = a partner province) and GBA distribution centres (region = a GBA city id).
CREATE TABLE hubs (
    id text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    kind text NOT NULL,
    region text NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    handling_cny_per_kg numeric(10, 2) NOT NULL,
    handling_hours double precision NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The logistics parameter of a round (null = not planned) and its result. The result is one gzip-compressed JSON
-- document per round, like the allocation result: it is written once, in the transaction that marks the round solved,
-- and read back whole (see LogisticsStore); the summary (status, objective, KPIs, routing, statistics) stays queryable.
ALTER TABLE rounds ADD COLUMN logistics jsonb;
ALTER TABLE rounds ADD COLUMN logistics_gzip bytea;
ALTER TABLE rounds ADD COLUMN logistics_summary jsonb;

ALTER TABLE round_schedules ADD COLUMN logistics jsonb;
