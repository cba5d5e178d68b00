-- SupplyMatch schema, version 9 (PostgreSQL): a failed or skipped feed run keeps the stable code of its error
-- (README.md, "Feeds") and the error's specifics as a JSON object of strings, next to the English text, so the dashboard
-- shows the reason in the reader's language. Runs stored before this version have neither: both stay NULL, and their
-- English text is shown as it is.
ALTER TABLE feed_runs ADD COLUMN error_code text;
ALTER TABLE feed_runs ADD COLUMN error_params text;
