namespace SupportBot.Insights.Archive;

/// <summary>Many new conversations in one transaction: for seeding an archive (the benchmark, imports), not for the worker.</summary>
public abstract partial class SqlConversationArchive
{
    /// <summary>
    /// Writes conversations the archive does not hold yet, all in one transaction on one connection, with the same
    /// statements as <see cref="WriteAsync"/> but none of its checks: no stored mark is read and no derived row is
    /// cleared first, which is what makes it fast and what makes it wrong for a conversation already archived.
    /// </summary>
    public async Task WriteNewAsync(IReadOnlyList<ConversationSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = Clock.GetUtcNow();
        foreach (var snapshot in snapshots)
        {
            var id = snapshot.Conversation.Id;
            await ArchiveWrites.ConversationAsync(connection, tx, snapshot.Conversation, now, cancellationToken);
            await ArchiveWrites.ActivitiesAsync(connection, tx, id, snapshot.Activities, cancellationToken);
            await ArchiveWrites.BotFirstResponseAsync(connection, tx, id, snapshot.Activities, cancellationToken);
            await ArchiveWrites.OrdersAsync(connection, tx, id, snapshot.OrderNumbers, cancellationToken);
            await ArchiveWrites.HandoffsAsync(connection, tx, id, snapshot.Handoffs, cancellationToken);
            await ArchiveWrites.SurveysAsync(connection, tx, id, snapshot.Surveys, replacing: false, cancellationToken);
            await ArchiveWrites.FeedbackAsync(connection, tx, id, snapshot.Feedback, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }
}
