using SupportBot.Agents;
using SupportBot.Redis;

namespace SupportBot.Tests.Agents;

public class RedisSignInAttemptsServerTests : SignInAttemptsContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override ISignInAttempts CreateAttempts() => new RedisSignInAttempts(RedisTestServer.Connect(), new RedisKeys(_prefix));

    protected override Task PassTimeAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task TheCounterExpiresTheWindowAfterTheFirstFailure()
    {
        var redis = RedisTestServer.Connect();
        var attempts = CreateAttempts();

        await attempts.FailedAsync("anna", TimeSpan.FromMinutes(15));
        await attempts.FailedAsync("anna", TimeSpan.FromHours(5));

        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(new RedisKeys(_prefix).SignInFailures("anna"));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }
}
