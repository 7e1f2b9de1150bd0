-- Version 5 (SQLite; Sql/postgres/005-activities-keep-what-is-queried.sql is the same for PostgreSQL): an activity row
-- keeps the columns a query filters or computes by, and its JSON. Going: id (and its UNIQUE (conversation_id, id),
-- which repeated the primary key: the log names an activity after its conversation and sequence, and writes were
-- already made idempotent by the primary key and archived_seq), from_id, from_name, name, confidence, language and
-- reply_to_id. No query read them; a transcript read from the archive takes them from raw_json, which the worker
-- made them from (ArchiveReads). Writing each archived row cost a third less of SQLite's work without them
-- (docs/performance.md, 2026-12-06), and the archive is smaller.
--
-- SQLite drops neither a column in a UNIQUE constraint nor the constraint itself, so the table is built anew and the
-- rows copied (in the migration's transaction, at start-up; docs/insights.md says how long a big archive takes).

CREATE TABLE activities_v5 (
    conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT  NOT NULL,  -- the log sequence (the Direct Line watermark after it); the activity's id is
                                       -- "{conversation_id}|{seq:D7}" (ActivityIds.ActivityId)
    timestamp_ms    BIGINT  NOT NULL,  -- the log's timestamp (strictly increasing in a conversation)
    role            TEXT    NOT NULL,  -- 'customer', 'agent', 'system' or 'bot' (001-initial.sql says which is which)
    type            TEXT    NOT NULL,  -- Activity.type
    text            TEXT,              -- Activity.text (the history's text search)
    intent          TEXT,              -- customer messages: the intent the classifier gave
    ambiguous       INTEGER,           -- 1 when the classifier found it ambiguous, so the bot asked "did you mean"
    raw_json        TEXT    NOT NULL,  -- the activity exactly as logged: everything else about it (from, name,
                                       -- confidence, language, replyToId) is read from here
    PRIMARY KEY (conversation_id, seq)
);

INSERT INTO activities_v5 (conversation_id, seq, timestamp_ms, role, type, text, intent, ambiguous, raw_json)
    SELECT conversation_id, seq, timestamp_ms, role, type, text, intent, ambiguous, raw_json FROM activities ORDER BY conversation_id, seq;
DROP TABLE activities;
ALTER TABLE activities_v5 RENAME TO activities;

CREATE INDEX ix_activities_customer_messages ON activities (conversation_id, seq, intent, ambiguous)
    WHERE role = 'customer' AND type = 'message';
