using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Attachments;
using SupportBot.Conversations;

namespace SupportBot.Tests.Attachments;

public class MemoryAttachmentStoreTests
{
    [Fact]
    public async Task UploadsPastTheirTimeToLiveLeaveMemoryEvenWhenNobodyAsksForThemAgain()
    {
        // The in-memory store is the quick start's default: a week of uploads nobody reopens must not pile up forever.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ConversationOptions();
        var store = new MemoryAttachmentStore(Options.Create(options), clock);
        for (var i = 0; i < 1_000; i++)
        {
            await store.SaveAsync(new StoredAttachment("text/plain", "note.txt", new byte[1024], $"conversation{i}"));
        }

        clock.Advance(options.Ttl + TimeSpan.FromMinutes(1));
        var fresh = "";
        for (var i = 0; i < 1_000; i++)
        {
            fresh = await store.SaveAsync(new StoredAttachment("text/plain", "note.txt", new byte[1024], $"later{i}"));
        }

        Assert.True(store.Count <= 1_000, $"{store.Count} attachments held, of which 1,000 expired");
        Assert.NotNull(await store.GetAsync(fresh));
    }
}
