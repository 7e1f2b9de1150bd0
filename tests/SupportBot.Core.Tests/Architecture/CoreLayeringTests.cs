using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using SupportBot.Schema;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace SupportBot.Tests.Architecture;

/// <summary>
/// Core's features depend on each other one way only, so each can be read (and changed) from the bottom up, and
/// its domain rules need no web framework: the hub and the background services are adapters in Web.
/// </summary>
public sealed class CoreLayeringTests
{
    private static readonly ArchUnitNET.Domain.Architecture Core = new ArchLoader().LoadAssemblies(typeof(Activity).Assembly).Build();

    [Fact]
    public void CoreFeaturesDependOnEachOtherWithoutCycles() =>
        Slices().Matching("SupportBot.(*)").Should().BeFreeOfCycles().Check(Core);

    [Fact]
    public void CoreSubNamespacesDependOnEachOtherWithoutCycles() =>
        Slices().Matching("SupportBot.(**)").Should().BeFreeOfCycles().Check(Core);

    [Fact]
    public void CoreUsesNoAspNetCoreTypes() =>
        Types().Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Microsoft\.AspNetCore(\..*)?$")).Check(Core);

    [Fact]
    public void CoreReferencesNoAspNetCoreAssembly() =>
        Assert.DoesNotContain(typeof(Activity).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
}
