using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>A memory log on a fake clock and a fresh SQLite archive in a folder of its own, deleted afterwards: what the worker's tests copy from and to.</summary>
internal sealed class ArchiveOnDisk : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;

    public ArchiveOnDisk()
    {
        Scenes = new ArchiveScenes(Clock);
        Archive = new SqliteConversationArchive(Path.Combine(_directory, "archive.db"), Clock, busySeconds: 1);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public ArchiveScenes Scenes { get; }

    public SqliteConversationArchive Archive { get; }

    /// <summary>Conversations of two activities each (the customer's "hello", the bot's "Hi there."), queued for the archive.</summary>
    public async Task<List<string>> ChatsAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await Scenes.StartAsync($"cust-{i}");
            await Scenes.CustomerAsync(id, "hello");
            await Scenes.BotAsync(id, "Hi there.");
            ids.Add(id);
        }

        return ids;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
