-- Version 2 (SQLite; Sql/postgres/002-first-response-and-filters.sql is the same for PostgreSQL): what the insights
-- page reads over a big archive without touching every activity of the range.

-- The bot's first response, in ms: from the customer's first message to the bot's first message after it; null until
-- there is one. Written with the activities by the archive worker (ArchiveWrites.BotFirstResponseAsync, once: the two
-- messages never change); computed here for the conversations archived before this version. Computed at read time, it
-- cost two lookups in activities for every conversation of the range, the page's heaviest query.
ALTER TABLE conversations ADD COLUMN bot_first_response_ms BIGINT;
UPDATE conversations SET bot_first_response_ms = (
    SELECT MIN(b.timestamp_ms - f.timestamp_ms) FROM activities f JOIN activities b
        ON b.conversation_id = f.conversation_id AND b.seq > f.seq AND b.role = 'bot' AND b.type = 'message'
    WHERE f.conversation_id = conversations.id AND f.seq = (
        SELECT MIN(x.seq) FROM activities x WHERE x.conversation_id = conversations.id AND x.role = 'customer' AND x.type = 'message'))
WHERE customer_messages > 0 AND bot_messages > 0;

-- "Came back within 72 hours" reads only this index (covering), never the table; it replaces (customer_id, started_at_ms),
-- which forget and the history's customer filter use just as well.
CREATE INDEX ix_conversations_comeback ON conversations (customer_id, started_at_ms, customer_messages);
DROP INDEX ix_conversations_customer;

-- The page's language and channel filters.
CREATE INDEX ix_conversations_language ON conversations (language, started_at_ms);
CREATE INDEX ix_conversations_channel ON conversations (channel, started_at_ms);
