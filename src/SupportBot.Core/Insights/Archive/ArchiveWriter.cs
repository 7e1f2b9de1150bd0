using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Insights.Archive;

/// <summary>
/// One pass of the archive worker: takes queued conversations, reads each one's log past where the archive stands
/// (its whole log the first time), writes what changed in one transaction, and only then moves its archived mark. A
/// crash between the two writes it again (the rows are keyed, so nothing doubles); an archive that is away leaves the
/// conversations queued for a later pass. Reading only the new part keeps a long conversation's copy as cheap as its
/// latest turns, not as its whole history.
/// </summary>
public sealed class ArchiveWriter(
    IArchiveQueue queue, IConversationLog log, IConversationArchive archive, ConversationSnapshots snapshots,
    IOptions<ArchiveOptions> options, TimeProvider clock, ILogger<ArchiveWriter> logger, double slowestPace = ArchivePace.DefaultSlowest,
    int heldActivities = ArchiveWriter.HeldActivities)
{
    /// <summary>How long a pass holds what it took: another process's worker passes over it meanwhile.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    /// <summary>The most conversations one transaction writes.</summary>
    public const int MaxBatch = 100;

    private const int PageSize = 500;

    /// <summary>
    /// The most logged activities a batch reads before it is written: a long conversation is copied in parts of at most
    /// this many, each part a batch of its own, in the same pass. Whatever the worker holds when the garbage collector
    /// runs is copied by it while every turn waits: with batches of a tenth of a second of the fastest pace (1,000
    /// activities) the collections that found a batch alive promoted 6.2 MB each and paused turns for 4-16 ms, the
    /// others 1.0 MB and about 2 ms, and those pauses were the archive's whole cost to turns' p99 (docs/performance.md).
    /// </summary>
    public const int HeldActivities = 250;

    private readonly ArchivePace _pace = new(options.Value.ActivitiesPerSecond, clock) { Slowest = slowestPace };
    // A tenth of a second of the fastest pace when that is fewer, so the pace, not the batching, spaces the copies.
    private readonly int _heldActivities = Math.Max(1, options.Value.ActivitiesPerSecond > 0 ? Math.Min(heldActivities, options.Value.ActivitiesPerSecond / 10) : heldActivities);

    /// <summary>
    /// Archives what is queued; returns how many conversations were written. A pass ends at half the hold, so no copy is
    /// under way when another worker may take the same conversation; what it took and left it gives back for the next pass.
    /// The pace follows the backlog: what is due now, spread over the pass's time (half the hold), never slower than <see
    /// cref="ArchivePace.DefaultSlowest"/> activities a second nor faster than Archive:ActivitiesPerSecond (0: as fast as
    /// it goes). Settled conversations fall due together (a desk that opened at once, a burst of traffic); copied at the
    /// fastest pace they took the cores from turns for a few seconds, then nothing; spread, the worker keeps up with what
    /// arrives at about the rate it arrives. Conversations are written in batches of at most <see cref="HeldActivities"/>
    /// activities and <see cref="MaxBatch"/> conversations, one transaction a batch: a desk of many short conversations
    /// costs one commit, one flush to disk, for dozens of them rather than one each; a long conversation is written in
    /// parts, each from the mark the part before it left.
    /// </summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        // The pace's wait comes first, while this pass holds nothing another worker could copy meanwhile.
        await _pace.WaitAsync(long.MaxValue, cancellationToken);
        var claimedAt = clock.GetTimestamp();
        var ids = await queue.ClaimAsync(options.Value.ConversationsPerPass, Hold, options.Value.Settle, cancellationToken);
        var deadline = claimedAt + (long)(Hold.TotalSeconds / 2 * clock.TimestampFrequency);
        // A claim short of a full pass took everything due that nobody holds: only a full one asks how much more waits.
        var due = ids.Count < options.Value.ConversationsPerPass || options.Value.ActivitiesPerSecond == 0
            ? ids.Count
            : await queue.DueCountAsync(options.Value.Settle, cancellationToken);
        var written = 0;
        var next = 0;
        var partActivities = 0; // read so far of a long conversation copied in parts
        while (next < ids.Count)
        {
            _pace.Follow(Math.Max(due - next, ids.Count - next), deadline);
            if (!await _pace.WaitAsync(deadline, cancellationToken))
            {
                break;
            }

            // Taken before the reads: whatever they miss was appended after this moment.
            var readAt = clock.GetUtcNow();
            var batch = new List<(string Id, ConversationSnapshot? Snapshot, bool Whole)>();
            var (activities, finished, finishedActivities) = (0, 0, 0L);
            try
            {
                while (next < ids.Count && batch.Count < MaxBatch && activities < _heldActivities)
                {
                    var id = ids[next];
                    var (snapshot, read, whole) = await SnapshotAsync(id, await archive.GetMarkAsync(id, cancellationToken), _heldActivities - activities, cancellationToken);
                    batch.Add((id, snapshot, whole));
                    activities += read;
                    partActivities += read;
                    if (whole)
                    {
                        (next, finished, finishedActivities, partActivities) = (next + 1, finished + 1, finishedActivities + partActivities, 0);
                    }
                }

                await WriteAsync(batch, cancellationToken);
            }
            catch (DbException e)
            {
                logger.LogWarning(e, "The archive is away; {Count} conversations stay queued for a later pass", ids.Count - written);
                return written;
            }

            _pace.Copied(activities, finished, finishedActivities);
            // The marks keep only what they need, so the batch's activities are garbage before the marks' round trip
            // (what the worker holds when a collection runs, every turn waits for it to copy). All the batch's marks go
            // at once, one round trip: each is about a conversation of its own. A part moves the mark too (the rest is
            // read from it, in this pass or, out of time, a later one) and keeps the hold and the queue's time: the rest
            // was appended before the read, and waits since then.
            var marks = batch.Select(b => (b.Id, Seq: b.Snapshot?.Conversation.ArchivedSeq ?? 0, b.Whole, Present: b.Snapshot is not null)).ToList();
            batch.Clear();
            await Task.WhenAll(marks.Select(m => queue.MarkArchivedAsync(m.Id, m.Seq, m.Whole ? readAt : null, cancellationToken)));
            written += marks.Count(m => m.Present && m.Whole);
        }

        if (next < ids.Count)
        {
            // Out of time: what is left goes back now, not when the hold lapses (which left it idle for 15 s).
            await queue.ReleaseAsync([.. ids.Skip(next)], cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Writes the batch's snapshots (null: the store no longer has that conversation) in one transaction; one whose
    /// mark another process's worker moved meanwhile is read again from a new mark and written on its own.
    /// </summary>
    private async Task WriteAsync(List<(string Id, ConversationSnapshot? Snapshot, bool Whole)> batch, CancellationToken cancellationToken)
    {
        var present = Enumerable.Range(0, batch.Count).Where(i => batch[i].Snapshot is not null).ToList();
        var results = present.Count == 0 ? [] : await archive.WriteAllAsync([.. present.Select(i => batch[i].Snapshot!)], cancellationToken);
        for (var k = 0; k < results.Count; k++)
        {
            if (!results[k])
            {
                var i = present[k];
                batch[i] = (batch[i].Id, await CopyAsync(batch[i].Id, cancellationToken), true);
            }
        }
    }

    /// <summary>The conversation as its live log has it now, whole, or null when the store no longer has it.</summary>
    public async Task<ConversationSnapshot?> SnapshotAsync(string conversationId, CancellationToken cancellationToken) =>
        (await SnapshotAsync(conversationId, null, int.MaxValue, cancellationToken)).Snapshot;

    /// <summary>Writes what the archive lacks of one conversation; null when the store no longer has it (expired: nothing left to take).</summary>
    private async Task<ConversationSnapshot?> CopyAsync(string id, CancellationToken cancellationToken)
    {
        // A second try takes a new mark: another process's worker moved the archive between this one's read and write.
        for (var attempt = 0; ; attempt++)
        {
            var mark = attempt < 2 ? await archive.GetMarkAsync(id, cancellationToken) : null;
            var (snapshot, _, _) = await SnapshotAsync(id, mark, int.MaxValue, cancellationToken);
            if (snapshot is null || await archive.WriteAsync(snapshot, cancellationToken))
            {
                return snapshot;
            }
        }
    }

    /// <summary>
    /// The conversation from its log after <paramref name="mark"/> (from its start without one), at most <paramref
    /// name="most"/> activities of it: the snapshot (null when the store no longer has the conversation), how many
    /// logged activities it read, and whether that was all of them.
    /// </summary>
    private async Task<(ConversationSnapshot? Snapshot, int Read, bool Whole)> SnapshotAsync(
        string conversationId, ArchivedMark? mark, int most, CancellationToken cancellationToken)
    {
        if (await log.GetAsync(conversationId, cancellationToken) is not { } record)
        {
            return (null, 0, true);
        }

        var after = mark?.Conversation.ArchivedSeq ?? 0;
        var activities = new List<LoggedUtf8Activity>();
        try
        {
            while (true)
            {
                // One more than there is room for, to know whether the log goes on past a part (that one is read again).
                var room = most - activities.Count;
                var asked = (int)Math.Min(PageSize, room + 1L);
                var page = await log.ReadUtf8Async(conversationId, after + activities.Count, asked, cancellationToken);
                activities.AddRange(page.Count > room ? page.Take(room) : page);
                if (page.Count < asked || page.Count > room)
                {
                    return (snapshots.From(record, activities, mark), activities.Count, page.Count <= room);
                }
            }
        }
        catch (ConversationNotFoundException)
        {
            return (null, 0, true);
        }
    }
}
