using System.Net;
using Microsoft.Extensions.Options;
using SupportBot.Web.Metrics;

namespace SupportBot.Tests.Metrics;

public sealed class MetricsAccessTests
{
    private static readonly MetricsAccess Access = new(Options.Create(new MetricsOptions { AllowedNetworks = ["10.20.0.0/16", "fd00::/8", " "] }));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.20.3.4")]
    [InlineData("::ffff:10.20.3.4")] // an IPv4 client as a dual-stack socket reports it
    [InlineData("fd00::7")]
    public void LoopbackAndTheAllowedNetworksMayScrape(string address) => Assert.True(Access.Allows(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.21.0.1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("2001:db8::1")]
    public void EveryoneElseMayNot(string address) => Assert.False(Access.Allows(IPAddress.Parse(address)));

    [Fact]
    public void ARequestWithoutAClientAddressMayNot() => Assert.False(Access.Allows(null));
}
