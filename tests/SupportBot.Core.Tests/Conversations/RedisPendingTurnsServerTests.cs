using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.Tests.Conversations;

/// <summary>Against real Redis: every log and lock made here is another server process with its own connection.</summary>
public sealed class RedisPendingTurnsServerTests : PendingTurnsContract, IDisposable
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();
    private readonly List<IDisposable> _owned = [];

    protected override IConversationLog CreateLog()
    {
        var connection = RedisTestServer.ConnectAnotherAsync().GetAwaiter().GetResult();
        var log = new RedisConversationLog(connection, new RedisKeys(_prefix), Options.Create(new ConversationOptions()),
            TimeProvider.System, NullLogger<RedisConversationLog>.Instance);
        _owned.Add(log);
        _owned.Add(connection);
        return log;
    }

    protected override ITurnLock CreateLock() =>
        new RedisTurnLock(RedisTestServer.Connect(), new RedisKeys(_prefix), Options.Create(new ConversationOptions()), NullLogger<RedisTurnLock>.Instance);

    public void Dispose() => _owned.ForEach(o => o.Dispose());
}
