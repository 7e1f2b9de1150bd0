-- Version 3 (PostgreSQL; Sql/sqlite/003-comeback-and-customer-messages.sql is the same for SQLite): the insights
-- page over a big archive without a lookup per conversation for "came back" or a table read per customer message.

-- 1 when the same customer started another engaged conversation after this one and within 72 hours of its last
-- activity (Comeback.WindowMs), else 0. Kept by the archive worker (ArchiveWrites.ComebackAsync): a write
-- sets it on its own conversation when its last activity has come within reach of a later one, and, when it makes a
-- conversation engaged, on that customer's earlier conversations it falls within reach of; retention clears it when
-- it deletes the later conversation. Computed here for the conversations archived before this version. Read at query
-- time, it cost an index lookup for every conversation of the range in each of the page's conversation counts.
ALTER TABLE conversations ADD COLUMN came_back INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET came_back = 1 WHERE EXISTS (
    SELECT 1 FROM conversations n WHERE n.customer_id = conversations.customer_id
        AND n.started_at_ms > conversations.started_at_ms AND n.started_at_ms <= conversations.last_activity_at_ms + 259200000
        AND n.customer_messages > 0);

-- The customer messages alone, with what the per-intent table reads of them: that table reads this index only, for
-- the range's conversations, instead of every activity row of theirs.
CREATE INDEX ix_activities_customer_messages ON activities (conversation_id, seq, intent, ambiguous)
    WHERE role = 'customer' AND type = 'message';
