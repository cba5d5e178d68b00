-- SupplyMatch schema, version 7 (SQLite): a round may plan no truck before a given CST day (earliest_ship_day): its
-- snapshot cuts every lot's ship window to start no earlier and leaves out lots whose window ends before it. Scheduled
-- rounds set it to the day they run; rounds created before this version, or without it, have NULL (no cut).
ALTER TABLE rounds ADD COLUMN earliest_ship_day TEXT;
