namespace SupportBot.Insights.Archive;

/// <summary>Where the durable conversation archive lives and how long it keeps what it has.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>Off: nothing is archived, history and read-through answer from the conversation store alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A PostgreSQL connection string (Npgsql); empty = the embedded SQLite file <see cref="SqlitePath"/>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The SQLite file when <see cref="ConnectionString"/> is empty; a relative path is from the server's content root,
    /// like the other local data (the default is the repository's .run/, where run.sh keeps Redis and secrets).
    /// </summary>
    public string SqlitePath { get; set; } = "../../.run/archive.db";

    /// <summary>Archived conversations whose last activity is older than this many days are deleted; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>How many conversations one worker pass takes from the queue.</summary>
    public int ConversationsPerPass { get; set; } = 100;

    /// <summary>
    /// How long a conversation's oldest uncopied activity waits before a worker copies it: a conversation in full flow
    /// is then copied once in this time (each copy reads its log past the archive's mark) rather than after every turn.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many activities a process's worker copies a second at most, spread evenly; 0 = no limit.</summary>
    public int ActivitiesPerSecond { get; set; } = 10_000;

    /// <summary>
    /// Whether this process copies queued conversations into the archive. Off, the process still queues its
    /// conversations and reads the archive (history, insights), and another process copies them: one started with it on
    /// (a server that takes no traffic, <c>deploy/run-cluster.sh --archive-worker</c>), whose collections and CPU then
    /// stay out of the processes that serve turns.
    /// </summary>
    public bool Worker { get; set; } = true;

    /// <summary>The worker thread's nice value on Linux (0-19): turns get the cores first; 0 = not niced.</summary>
    public int WorkerNice { get; set; } = 10;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem() =>
        RetentionDays < 0 ? "Archive:RetentionDays must be 0 (keep for ever) or more."
        : Settle < TimeSpan.Zero || Settle > TimeSpan.FromHours(1) ? "Archive:Settle must be between 0 and 1 hour."
        : ConversationsPerPass is < 1 or > 10_000 ? "Archive:ConversationsPerPass must be between 1 and 10000."
        : ActivitiesPerSecond < 0 ? "Archive:ActivitiesPerSecond must be 0 (no limit) or more."
        : WorkerNice is < 0 or > 19 ? "Archive:WorkerNice must be between 0 and 19."
        : !UsesPostgres && string.IsNullOrWhiteSpace(SqlitePath) ? "Archive:SqlitePath must be set when Archive:ConnectionString is empty."
        : null;
}
