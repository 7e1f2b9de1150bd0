using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Agents;

public class RedisSignInThrottleServerTests : SignInThrottleContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override ISignInThrottle CreateThrottle() =>
        new RedisSignInThrottle(RedisTestServer.Connect(), new RedisKeys(_prefix), Options.Create(Limits), TimeProvider.System);

    protected override Task PassTimeAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task EveryKeyExpiresOnItsOwn()
    {
        var redis = RedisTestServer.Connect().GetDatabase();
        var keys = new RedisKeys(_prefix);
        var throttle = CreateThrottle();
        await throttle.TryBeginAsync("anna", "10.0.0.1");
        await throttle.SucceededAsync("anna", "10.0.0.1");
        await throttle.TryBeginAsync("anna", "10.0.0.2");

        var ttls = await Task.WhenAll(
            redis.KeyTimeToLiveAsync(keys.SignInAccount("anna")),
            redis.KeyTimeToLiveAsync(keys.SignInAddress("anna", "10.0.0.2")),
            redis.KeyTimeToLiveAsync(keys.SignInTrusted("anna")));

        Assert.InRange(ttls[0]!.Value, TimeSpan.FromSeconds(1), Limits.SignInFailureWindow);
        Assert.InRange(ttls[1]!.Value, TimeSpan.FromSeconds(1), Limits.SignInFailureWindow);
        Assert.InRange(ttls[2]!.Value, TimeSpan.FromMinutes(59), Limits.SignInTrustedAddressLifetime);
    }
}
