using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using SupportBot.Web.Agents;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace SupportBot.Tests.Architecture;

/// <summary>The host's features (Direct Line, the widget, the agent console...) depend on each other one way only.</summary>
public sealed class WebLayeringTests
{
    private static readonly ArchUnitNET.Domain.Architecture Web = new ArchLoader().LoadAssemblies(typeof(AgentHub).Assembly).Build();

    [Fact]
    public void WebFeaturesDependOnEachOtherWithoutCycles() =>
        Slices().Matching("SupportBot.Web.(*)").Should().BeFreeOfCycles().Check(Web);

    [Fact]
    public void WebSubNamespacesDependOnEachOtherWithoutCycles() =>
        Slices().Matching("SupportBot.Web.(**)").Should().BeFreeOfCycles().Check(Web);
}
