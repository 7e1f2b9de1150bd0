-- Version 4: the activities' index led by the intent goes. The figures keep the planner off it on purpose
-- (FigureSql), and for the history's intent filter, an EXISTS over one conversation's activities, SQLite chose it
-- and then read every archived message of that intent for each conversation it checked: one page of history over
-- 100,000 conversations took 4.4 s with it and 1.4 ms by the conversation's own key without it. It also cost every
-- activity row an index entry, a sixth of the SQLite work of archiving a row (docs/performance.md, 2026-12-06).
DROP INDEX IF EXISTS ix_activities_intent;
