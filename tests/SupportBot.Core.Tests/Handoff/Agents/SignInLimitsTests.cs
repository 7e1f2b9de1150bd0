using System.Net;
using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

public class SignInLimitsTests
{
    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void FailuresCountByAddressAndIpv6ByItsSlash64Network(string address, string key)
    {
        Assert.Equal(key, SignInLimits.ClientKey(IPAddress.Parse(address)));
    }

    [Fact]
    public void TheBackOffStartsAtOneSecondAndDoublesUpToTheMaximum()
    {
        var options = new AgentsOptions { SignInFailuresBeforeBackoff = 10, SignInBackoffMax = TimeSpan.FromMinutes(1) };

        var backoffs = new[] { 9, 10, 11, 12, 15, 16, 1000 }.Select(f => SignInLimits.Backoff(f, options).TotalSeconds);

        Assert.Equal([0, 1, 2, 4, 32, 60, 60], backoffs);
    }
}
