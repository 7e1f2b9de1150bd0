using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.Tests.Conversations;

public sealed class RedisDeliveryMarksServerTests : DeliveryMarksContract, IDisposable
{
    private readonly List<RedisConversationLog> _logs = [];
    private readonly RedisKeys _keys = new(RedisTestServer.UniquePrefix());

    protected override IConversationLog CreateLog()
    {
        var log = new RedisConversationLog(
            RedisTestServer.Connect(), _keys,
            Options.Create(new ConversationOptions { RedeliverAfter = RedeliverAfter }), Clock, NullLogger<RedisConversationLog>.Instance);
        _logs.Add(log);
        return log;
    }

    [Fact]
    public async Task AChannelConversationStoredBeforeDeliveryMarksExistedIsNotSentItsHistoryAgain()
    {
        var log = CreateLog();
        var id = ChannelConversationIds.For("msteams", Guid.NewGuid().ToString());
        await log.CreateAsync(new ConversationRecord(id, "user-1", null, null, Clock.GetUtcNow()));
        await log.AppendAsync(id, new SupportBot.Schema.Activity { Type = "message", Text = "sent by the old outbox" });
        await RedisTestServer.Connect().GetDatabase().HashDeleteAsync(_keys.Conversation(id), "delivered"); // as an older version left it

        await log.AppendAsync(id, new SupportBot.Schema.Activity { Type = "message", Text = "new" });

        Assert.Equal(1, await log.GetDeliveredAsync(id));
    }

    public void Dispose() => _logs.ForEach(l => l.Dispose());
}
