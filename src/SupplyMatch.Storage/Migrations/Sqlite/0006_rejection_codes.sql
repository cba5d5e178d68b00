-- SupplyMatch schema, version 6 (SQLite): each rejected row of a feed run keeps the problem's stable code and its
-- reason in Chinese next to the English message (data/README.md, "Row problems"). Rows stored before this version
-- have neither: both stay NULL and read as null.
ALTER TABLE feed_run_rejections ADD COLUMN code text;
ALTER TABLE feed_run_rejections ADD COLUMN message_zh text;
