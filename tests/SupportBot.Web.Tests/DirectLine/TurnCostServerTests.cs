using StackExchange.Redis;
using SupportBot.Redis;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.DirectLine;

/// <summary>
/// What one customer turn costs in Redis, counted on a redis-server of the test's own through the real endpoints:
/// the budget is what a turn costs today, so a change that adds commands or round trips fails here and has to say why.
/// </summary>
public class TurnCostServerTests
{
    // A message the bot answers with one reply and no change of state (the benchmark's turn), hand-off off. Its
    // three round trips: conversation-append-incoming (store, publish, mark pending) with turn-next (take the turn
    // lock, hand the turn out with the conversation state and the hand-off record it reads first) sent right behind
    // it, conversation-append (the reply), turn-next (mark done, find none, release the lock): four commands sent.
    // docs/performance.md lists their commands. Four round trips and six commands sent until the state's HMGET and
    // the record's HGETALL went into turn-next (TurnPreload).
    private const string Question = "What can you do?";
    private const int Turns = 10;
    // Each of the turn's two appends puts the conversation on archive:pending (one ZADD NX inside its script, no round
    // trip of its own) so the archive worker finds it. 39 until each append read the conversation hash with one HMGET
    // and wrote it with one HSET, the clientActivityID included (it had a hash of its own, with its own PEXPIRE); 32
    // until the first turn-next stopped reading back (LINDEX) the activity the request has just appended and holds.
    private const double CommandBudget = 31;
    private const double RoundTripBudget = 3;
    private const double SentBudget = 4;

    [Fact]
    public async Task ATurnThatChangesNoStateStaysWithinItsRedisCommandAndRoundTripBudget()
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var app = await StartAsync(redis);
        using var counter = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var conversation = await app.Client.StartAsync();
        await app.Client.SayAsync(conversation, Question); // scripts loaded, state as it stays

        var count = await RedisCommandCount.StartAsync(app.Services.GetRequiredService<IConnectionMultiplexer>(), counter);
        for (var i = 0; i < Turns; i++)
        {
            await app.Client.SayAsync(conversation, Question);
        }

        var figures = await count.StopAsync(Turns);
        TestContext.Current.TestOutputHelper?.WriteLine(figures.ToString());
        Assert.True(figures.Commands <= CommandBudget, $"over the budget of {CommandBudget} commands: {figures}");
        Assert.True(figures.RoundTrips <= RoundTripBudget, $"over the budget of {RoundTripBudget} round trips: {figures}");
        Assert.True(figures.Sent.Values.Sum() <= SentBudget, $"over the budget of {SentBudget} commands sent: {figures}");
    }

    [Fact]
    public async Task ATurnThatChangesNoStateWritesNoStateKey()
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var app = await StartAsync(redis);
        var db = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var conversation = await app.Client.StartAsync();
        var state = app.Services.GetRequiredService<RedisKeys>().State($"directline/conversations/{conversation.Id}");
        await app.Client.SayAsync(conversation, Question);
        var before = await db.HashGetAsync(state, "etag");

        await app.Client.SayAsync(conversation, "where is my order ORD-10007");
        var afterChange = await db.HashGetAsync(state, "etag");
        await app.Client.SayAsync(conversation, Question);
        await app.Client.SayAsync(conversation, Question);

        Assert.NotEqual(before, afterChange); // the order number is remembered: the state was written
        Assert.Equal(afterChange, await db.HashGetAsync(state, "etag"));
    }

    private static Task<TestApp> StartAsync(RedisProcess redis) => TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Redis:ConnectionString"] = redis.Configuration,
        // Renewals every 20 s and recovery sweeps as rare: neither runs inside the few hundred milliseconds counted.
        ["Conversations:TurnLockLease"] = "00:01:00",
    });
}
