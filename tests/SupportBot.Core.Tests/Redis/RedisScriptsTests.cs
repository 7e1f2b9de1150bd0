using SupportBot.Redis;

namespace SupportBot.Tests.Redis;

public sealed class RedisScriptsTests
{
    [Fact]
    public void EveryLuaFileIsEmbeddedAndLoads()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "SupportBot.Core", "Redis", "Scripts");
        var names = Directory.GetFiles(folder, "*.lua").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains("redis.call", RedisScripts.Load(name!).ExecutableScript, StringComparison.Ordinal));
    }

    [Fact]
    public void APreludeComesBeforeTheScript()
    {
        var script = RedisScripts.Load("handoff-claim", "local CLAIMED = 0\n");

        Assert.StartsWith("local CLAIMED = 0\n", script.ExecutableScript, StringComparison.Ordinal);
    }
}
