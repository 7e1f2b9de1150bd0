using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.Tests.Conversations;

public sealed class RedisDeliveryMarksServerTests : DeliveryMarksContract, IDisposable
{
    private readonly List<RedisConversationLog> _logs = [];

    protected override IConversationLog CreateLog()
    {
        var log = new RedisConversationLog(
            RedisTestServer.Connect(), new RedisKeys(RedisTestServer.UniquePrefix()),
            Options.Create(new ConversationOptions { RedeliverAfter = RedeliverAfter }), Clock, NullLogger<RedisConversationLog>.Instance);
        _logs.Add(log);
        return log;
    }

    public void Dispose() => _logs.ForEach(l => l.Dispose());
}
