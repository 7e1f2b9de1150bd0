-- Version 5 (PostgreSQL; Sql/sqlite/005-activities-keep-what-is-queried.sql is the same for SQLite, which has to
-- rebuild the table): an activity row keeps the columns a query filters or computes by, and its JSON. Going: id (and
-- with it UNIQUE (conversation_id, id), which repeated the primary key: the log names an activity after its
-- conversation and sequence), from_id, from_name, name, confidence, language and reply_to_id. No query read them; a
-- transcript read from the archive takes them from raw_json, which the worker made them from (ArchiveReads).
-- PostgreSQL drops a column without rewriting the table: old rows keep their bytes until the table is rewritten
-- (VACUUM FULL), new rows are written without them.
ALTER TABLE activities
    DROP COLUMN id,
    DROP COLUMN from_id,
    DROP COLUMN from_name,
    DROP COLUMN name,
    DROP COLUMN confidence,
    DROP COLUMN language,
    DROP COLUMN reply_to_id;
