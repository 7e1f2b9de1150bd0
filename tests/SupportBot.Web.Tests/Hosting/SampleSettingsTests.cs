using System.Reflection;
using System.Text.Json.Nodes;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Agents;
using SupportBot.Redis;
using SupportBot.State;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Widget;

namespace SupportBot.Tests.Hosting;

public class SampleSettingsTests
{
    private static readonly Type[] OptionTypes =
        [typeof(RedisOptions), typeof(DirectLineOptions), typeof(ConversationOptions), typeof(StateOptions), typeof(BotOptions), typeof(WidgetOptions), typeof(SupportBot.Intents.IntentOptions), typeof(SupportBot.Orders.OrderOptions),
            typeof(SupportBot.Handoff.HandoffOptions), typeof(SupportBot.Handoff.Agents.AgentsOptions),
            typeof(SupportBot.Web.Hosting.LimitsOptions), typeof(SupportBot.Web.Hosting.TrustedProxyOptions),
            typeof(SupportBot.Web.BotFramework.BotFrameworkOptions), typeof(SupportBot.Web.Mail.MailOptions),
            typeof(SupportBot.Web.DirectLine.WarmUpOptions), typeof(SupportBot.Insights.Archive.ArchiveOptions),
            typeof(SupportBot.Web.Metrics.MetricsOptions)];

    public static TheoryData<string, string> EveryOption()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in OptionTypes)
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                data.Add(section, property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOption))]
    public void EveryOptionAppearsInTheSampleSettingsAndTheConfigurationReference(string section, string option)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "appsettings.sample.json")))!;
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));

        Assert.NotNull(sample[section]?[option]);
        Assert.Contains($"`{section}:{option}`", reference);
    }

    [Fact]
    public async Task TheServerStartsWithTheSampleSettings()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.sample.json")).Build();
        var settings = sample.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);

        await using var app = await Infrastructure.TestApp.StartAsync(settings);

        Assert.True((await app.Client.Http.GetAsync("/healthz")).IsSuccessStatusCode);
    }
}
