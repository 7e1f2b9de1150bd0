namespace SupportBot.Bench.Tests.Bench;

public class RedisFiguresTests
{
    private static string Info(long evalsha, long rpush, long info, double sys, double user) => $"""
        # Commandstats
        cmdstat_evalsha:calls={evalsha},usec=263504,usec_per_call=20.58,rejected_calls=0,failed_calls=0
        cmdstat_rpush:calls={rpush},usec=39753,usec_per_call=3.10,rejected_calls=0,failed_calls=0
        cmdstat_config|get:calls=2,usec=16,usec_per_call=8.00,rejected_calls=0,failed_calls=0
        cmdstat_info:calls={info},usec=59,usec_per_call=19.67,rejected_calls=0,failed_calls=0

        # CPU
        used_cpu_sys:{sys.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        used_cpu_user:{user.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        used_cpu_sys_children:9.000000
        used_cpu_user_children:9.000000
        """.Replace("\n", "\r\n");

    [Fact]
    public void CallsAreCountedPerCommandWithSubcommandsByTheirFullName()
    {
        var figures = RedisFigures.Parse(Info(12806, 12806, 3, 1, 2));

        Assert.Equal(12806, figures.Calls["evalsha"]);
        Assert.Equal(2, figures.Calls["config|get"]);
    }

    [Fact]
    public void TheProbesOwnInfoCommandIsLeftOut() =>
        Assert.False(RedisFigures.Parse(Info(1, 1, 3, 1, 2)).Calls.ContainsKey("info"));

    [Fact]
    public void CpuIsSystemPlusUserOfRedisItselfNotItsChildren() =>
        Assert.Equal(3_750, RedisFigures.Parse(Info(1, 1, 1, 1.25, 2.5)).CpuMs, precision: 6);

    [Fact]
    public void CallsBetweenTwoReadingsKeepOnlyCommandsCalledInBetweenMostCalledFirst()
    {
        var before = RedisFigures.Parse(Info(100, 50, 1, 0, 0));
        var after = RedisFigures.Parse(Info(300, 60, 2, 0, 0));

        Assert.Equal([KeyValuePair.Create("evalsha", 200L), KeyValuePair.Create("rpush", 10L)], RedisFigures.CallsBetween(before, after));
    }
}
