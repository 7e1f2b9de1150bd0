using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Tests.Conversations;

public class MemoryConversationReferencesTests
{
    [Fact]
    public async Task ReferencesPastTheirTimeToLiveLeaveMemoryEvenWhenNobodyAsksForThemAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ConversationOptions();
        var references = new MemoryConversationReferences(clock, Options.Create(options));
        for (var i = 0; i < 1_000; i++)
        {
            await references.SaveAsync($"old{i}", Reference($"old{i}"));
        }

        clock.Advance(options.Ttl + TimeSpan.FromMinutes(1));
        for (var i = 0; i < 1_000; i++)
        {
            await references.SaveAsync($"new{i}", Reference($"new{i}"));
        }

        Assert.True(references.Count <= 1_000, $"{references.Count} references held, of which 1,000 expired");
        Assert.NotNull(await references.GetAsync("new999"));
        Assert.Null(await references.GetAsync("old0"));
    }

    private static ConversationReference Reference(string id) => new(
        "msteams", "https://smba.example/", new ConversationAccount(id), new ChannelAccount("bot", "Bot"), new ChannelAccount("user", "User"), null, "en-US", true);
}
