-- The conversation archive, version 1 (PostgreSQL; Sql/sqlite/001-initial.sql is the same schema for SQLite:
-- same tables, columns and meanings, only the types differ). Applied once by ArchiveMigrations, which records it in
-- schema_version. Never edit a migration once committed: add the next number.
--
-- Conventions, identical on both databases so one query reads both:
--   * every time is BIGINT Unix milliseconds UTC (columns ending _ms); a day is ms / 86400000;
--   * every flag is INTEGER 0/1; lists are in child tables, except tags (text, see handoffs.tags);
--   * conversation ids and activity ids are the ones the conversation log gave (activity id "{conversation}|{seq:D7}").
--
-- Where the rows come from: ArchiveWorker reads a conversation's whole log from the conversation store (Redis or its
-- memory twin), ConversationSnapshots.From derives every row below from the log's activities alone, and one transaction
-- upserts them (rows are keyed, so writing the same conversation twice changes nothing).

-- schema_version (version INTEGER PRIMARY KEY, applied_at_ms BIGINT) is created by ArchiveMigrations itself.

-- One row per conversation. From the conversation record (created with the conversation) and its activities.
CREATE TABLE conversations (
    id                  TEXT    NOT NULL PRIMARY KEY,
    channel             TEXT    NOT NULL,  -- channelId of its activities: "directline", "msteams", "webchat", ...
    language            TEXT,              -- the language the classifier saw last in a customer message, else the record's locale (2 letters), else null
    customer_id         TEXT    NOT NULL,  -- the user id the conversation was created for (what "forget" deletes by)
    customer_name       TEXT,              -- the user name given at creation, else the last From.name of a customer message
    started_at_ms       BIGINT  NOT NULL,  -- the conversation record's CreatedAt
    last_activity_at_ms BIGINT  NOT NULL,  -- timestamp of its last archived activity (typing excluded), or started_at_ms
    closed_at_ms        BIGINT,            -- when it ended: the end of its last hand-off (closed, returned or abandoned) when no
                                           -- customer message came after it; else null (a bot-only conversation has no end event)
    customer_messages   INTEGER NOT NULL,  -- message activities from the customer (role 'customer'); engaged = customer_messages > 0
    bot_messages        INTEGER NOT NULL,  -- message activities from the bot
    agent_messages      INTEGER NOT NULL,  -- message activities from agents
    first_customer_text TEXT,              -- the first customer message's text, at most 500 characters (history preview)
    last_customer_at_ms BIGINT,            -- timestamp of the customer's last message
    last_customer_intent TEXT,             -- intent of the customer's last message (the supportbot/intent entity), or null
    last_customer_unanswered INTEGER NOT NULL, -- 1 when no bot or agent message came after the customer's last message
    last_customer_misunderstood INTEGER NOT NULL, -- 1 when the customer's last message was out_of_scope or ambiguous ("did you mean")
    handoffs            INTEGER NOT NULL,  -- number of rows in handoffs
    archived_seq        BIGINT  NOT NULL,  -- the last log sequence archived (activities rows go up to it)
    archived_at_ms      BIGINT  NOT NULL   -- when the worker last wrote this conversation
);
CREATE INDEX ix_conversations_started ON conversations (started_at_ms);
CREATE INDEX ix_conversations_customer ON conversations (customer_id, started_at_ms);
CREATE INDEX ix_conversations_last_activity ON conversations (last_activity_at_ms);

-- Every activity of the log except typing, in sequence order.
CREATE TABLE activities (
    conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT  NOT NULL,  -- the log sequence (the Direct Line watermark after it)
    id              TEXT    NOT NULL,  -- the activity id; UNIQUE per conversation, what makes a second write a no-op
    timestamp_ms    BIGINT  NOT NULL,  -- the log's timestamp (strictly increasing in a conversation)
    role            TEXT    NOT NULL,  -- 'customer' (From.role user), 'agent' (From.id "agent:{agentId}"),
                                       -- 'system' (handoff.* events, the agent desk's events), else 'bot'
    from_id         TEXT,              -- From.id ("agent:anna" for an agent)
    from_name       TEXT,              -- From.name
    type            TEXT    NOT NULL,  -- Activity.type: message, event, conversationUpdate, endOfConversation, ...
    name            TEXT,              -- Activity.name of an event (handoff.initiate, handoff.status, supportbot.feedback, ...)
    text            TEXT,              -- Activity.text
    intent          TEXT,              -- customer messages: the intent the classifier gave (supportbot/intent entity)
    confidence      DOUBLE PRECISION, -- its confidence 0-1
    ambiguous       INTEGER,           -- 1 when the classifier found it ambiguous, so the bot asked "did you mean"
    language        TEXT,              -- the language the classifier detected
    reply_to_id     TEXT,              -- Activity.replyToId
    raw_json        TEXT    NOT NULL,  -- the activity exactly as logged (the transcript is rebuilt from it)
    PRIMARY KEY (conversation_id, seq),
    UNIQUE (conversation_id, id)
);
CREATE INDEX ix_activities_intent ON activities (intent, timestamp_ms);

-- Order numbers customers wrote (Orders:NumberPattern with its prefix, canonical form), for the history's order filter.
CREATE TABLE conversation_orders (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    order_number    TEXT NOT NULL,
    PRIMARY KEY (conversation_id, order_number)
);
CREATE INDEX ix_conversation_orders_number ON conversation_orders (order_number);

-- One row per hand-off: from the handoff.initiate event (the bot) to its end (handoff.status events from the desk,
-- and the supportbot.leftQueue event when the customer cancels waiting).
CREATE TABLE handoffs (
    conversation_id     TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq                 BIGINT  NOT NULL,  -- the log sequence of its handoff.initiate event: the hand-off's key
    reason              TEXT    NOT NULL,  -- HandoffReasons code (customer_request, low_confidence, misunderstood, ...)
    intent              TEXT,              -- the intent the bot had when it escalated
    language            TEXT,              -- the language agents were routed by
    skill               TEXT,              -- the skill agents were routed by
    requested_at_ms     BIGINT  NOT NULL,  -- timestamp of handoff.initiate (queued)
    picked_up_at_ms     BIGINT,            -- the first handoff.status accepted: an agent took it; pickup time = picked_up - requested
    agent_id            TEXT,              -- the last agent who had it (who closed or returned it); null if nobody took it
    agent_name          TEXT,
    first_agent_id      TEXT,              -- the agent who picked it up
    transfers           INTEGER NOT NULL,  -- handoff.status accepted with outcome "transferred"
    first_agent_reply_at_ms BIGINT,        -- the first agent message after pickup; first response = this - picked_up
    ended_at_ms         BIGINT,            -- the status completed/failed, or the customer left the queue; null while open
    outcome             TEXT,              -- 'closed' | 'returned' (to the bot) | 'abandoned' (the customer left the queue)
                                           -- | 'timeout' (nobody took it in Handoff:MaxQueueWait) | 'failed' | null while open
    resolution_intent   TEXT,              -- on closed: the intent the agent says the customer meant
    tags                TEXT,              -- on closed: the agent's tags, each wrapped in commas (",refund,late,"), so
                                           -- tags LIKE '%,refund,%' finds one; null when none
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX ix_handoffs_requested ON handoffs (requested_at_ms);
CREATE INDEX ix_handoffs_agent ON handoffs (agent_id, requested_at_ms);

-- The survey after an agent's chat (the supportbot.survey event; the last one of a hand-off wins).
CREATE TABLE surveys (
    conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT  NOT NULL,  -- the log sequence of the survey event
    handoff_seq     BIGINT,            -- the hand-off it rates (the last handoff.initiate before it), or null
    agent_id        TEXT,              -- that hand-off's last agent
    answered_at_ms  BIGINT  NOT NULL,
    rating          INTEGER NOT NULL,  -- 1-5
    nps             INTEGER,           -- 0-10 when the survey asked it (value.nps), else null
    comment         TEXT,
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX ix_surveys_answered ON surveys (answered_at_ms);

-- "Did that help?" answers (the supportbot.feedback event).
CREATE TABLE feedback (
    conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT  NOT NULL,  -- the log sequence of the feedback event
    answered_at_ms  BIGINT  NOT NULL,
    intent          TEXT    NOT NULL,  -- the dialog's intent the question was about
    helped          INTEGER NOT NULL,  -- 1 yes, 0 no
    utterance_id    TEXT,              -- the activity id of the customer message that started the dialog
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX ix_feedback_intent ON feedback (intent, answered_at_ms);

-- Tickets (messages left when nobody could chat), from the ticket store (they outlive the conversation in Redis).
CREATE TABLE tickets (
    id              TEXT    NOT NULL PRIMARY KEY, -- "TCK-00001"
    conversation_id TEXT,              -- the conversation it was left in (no foreign key: it may be archived later or never)
    customer_id     TEXT,              -- that conversation's user id when known (for forget)
    language        TEXT,
    reason          TEXT,              -- the hand-off reason that led to it
    opened_at_ms    BIGINT  NOT NULL,
    closed_at_ms    BIGINT,            -- when an agent resolved it; age of an open ticket = now - opened_at_ms
    closed_by       TEXT               -- the agent id who resolved it
);
CREATE INDEX ix_tickets_opened ON tickets (opened_at_ms);
