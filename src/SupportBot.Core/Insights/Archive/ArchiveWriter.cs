using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Insights.Archive;

/// <summary>
/// One pass of the archive worker: takes queued conversations, reads each one's whole log, writes its snapshot in
/// one transaction, and only then moves its archived mark. A crash between the two writes it again (the rows are
/// keyed, so nothing doubles); an archive that is away leaves the conversations queued for a later pass.
/// </summary>
public sealed class ArchiveWriter(
    IArchiveQueue queue, IConversationLog log, IConversationArchive archive, ConversationSnapshots snapshots,
    IOptions<ArchiveOptions> options, TimeProvider clock, ILogger<ArchiveWriter> logger)
{
    /// <summary>How long a pass holds what it took: another process's worker passes over it meanwhile.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private const int PageSize = 500;

    /// <summary>Archives what is queued; returns how many conversations were written.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var ids = await queue.ClaimAsync(options.Value.ConversationsPerPass, Hold, options.Value.Settle, cancellationToken);
        var written = 0;
        foreach (var id in ids)
        {
            // Taken before the read: whatever the read misses was appended after this moment.
            var readAt = clock.GetUtcNow();
            var snapshot = await SnapshotAsync(id, cancellationToken);
            if (snapshot is null)
            {
                await queue.MarkArchivedAsync(id, 0, readAt, cancellationToken); // expired from the store: nothing left to take
                continue;
            }

            try
            {
                await archive.WriteAsync(snapshot, cancellationToken);
            }
            catch (DbException e)
            {
                logger.LogWarning(e, "The archive is away; {Count} conversations stay queued for a later pass", ids.Count - written);
                return written;
            }

            await queue.MarkArchivedAsync(id, snapshot.Conversation.ArchivedSeq, readAt, cancellationToken);
            written++;
        }

        return written;
    }

    /// <summary>The conversation as its live log has it now, or null when the store no longer has it.</summary>
    public async Task<ConversationSnapshot?> SnapshotAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (await log.GetAsync(conversationId, cancellationToken) is not { } record)
        {
            return null;
        }

        var activities = new List<LoggedActivity>();
        try
        {
            while (true)
            {
                var page = await log.ReadAsync(conversationId, activities.Count, PageSize, cancellationToken);
                activities.AddRange(page);
                if (page.Count < PageSize)
                {
                    return snapshots.From(record, activities);
                }
            }
        }
        catch (ConversationNotFoundException)
        {
            return null;
        }
    }
}
