using System.Diagnostics;
using SupportBot.Handoff.Queue;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Queue;

public sealed class RedisQueueSignalServerTests
{
    [Fact]
    public async Task AQueueChangeInOneProcessWakesTheQueuePolicyOfAnother()
    {
        var keys = new RedisKeys(RedisTestServer.UniquePrefix());
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var claimingProcess = RedisQueueSignal.Create(RedisTestServer.Connect(), keys);
        var leaseHolder = RedisQueueSignal.Create(otherConnection, keys);
        await otherConnection.GetSubscriber().PingAsync(); // its SUBSCRIBE went first
        await leaseHolder.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None); // the raise of its own start, if any

        var waited = Stopwatch.StartNew();
        var waking = leaseHolder.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        claimingProcess.Raise();
        await waking;

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2), $"woken after {waited.Elapsed}");
    }
}
