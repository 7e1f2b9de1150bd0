using StackExchange.Redis;
using SupportBot.Conversations;

namespace SupportBot.Tests.Conversations;

public class StoreFailuresTests
{
    [Theory]
    [InlineData("READONLY You can't write against a read only replica.", true)]
    [InlineData("LOADING Redis is loading the dataset in memory", true)]
    [InlineData("ERR Error running script", false)]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", false)]
    public void ARedisAnswerThatPassesOnItsOwnIsTransientAndAnErrorIsNot(string answer, bool transient) =>
#pragma warning disable CS0618 // the answer's text is what is classified; the kind-taking constructor is not public
        Assert.Equal(transient, StoreFailures.IsTransient(new RedisServerException(answer)));
#pragma warning restore CS0618
}
