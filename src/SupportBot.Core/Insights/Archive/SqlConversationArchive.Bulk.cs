namespace SupportBot.Insights.Archive;

/// <summary>Many new conversations in one transaction: for seeding an archive (the benchmark, imports), not for the worker.</summary>
public abstract partial class SqlConversationArchive
{
    /// <summary>
    /// Writes conversations the archive does not hold yet, all in one transaction on one connection, with the same
    /// statements as <see cref="WriteAsync"/> but none of its checks: no stored mark is read and no derived row is
    /// cleared first, which is what makes it fast and what makes it wrong for a conversation already archived. Nor is
    /// any customer locked: on PostgreSQL, calls at once that write conversations of one customer may each miss the
    /// other's comeback (<see cref="RecountComebacksAsync"/> after them sets it right).
    /// </summary>
    public async Task WriteNewAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var writes = new ArchiveWrites(connection, tx, TextFromUtf8);
        var now = Clock.GetUtcNow();
        foreach (var snapshot in snapshots)
        {
            var id = snapshot.Conversation.Id;
            await writes.ConversationAsync(snapshot.Conversation, now, cancellationToken);
            await writes.ActivitiesAsync(id, snapshot.Activities, cancellationToken);
            await writes.BotFirstResponseAsync(id, snapshot.Activities, cancellationToken);
            await writes.ComebackAsync(snapshot.Conversation, becameEngaged: snapshot.Conversation.CustomerMessages > 0, cancellationToken);
            await writes.OrdersAsync(id, snapshot.OrderNumbers, cancellationToken);
            await writes.HandoffsAsync(id, snapshot.Handoffs, cancellationToken);
            await writes.SurveysAsync(id, snapshot.Surveys, replacing: false, cancellationToken);
            await writes.FeedbackAsync(id, snapshot.Feedback, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Sets every conversation's came_back anew from the table (what the schema's version 3 did once).</summary>
    public async Task RecountComebacksAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = ArchiveSql.Command(connection, null, $"""
            UPDATE conversations SET came_back = CASE WHEN {Comeback.After("conversations")} THEN 1 ELSE 0 END
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
