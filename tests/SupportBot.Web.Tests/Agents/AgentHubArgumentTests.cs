using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Moq;
using SupportBot.Handoff.Tickets;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>
/// Whatever an agent's client sends the hub, the answer is a coded refusal ("code: message", as the console shows
/// it), the connection stays open, and only what nobody expected reaches the error log.
/// </summary>
public sealed partial class AgentHubArgumentTests
{
    private const string ErrorsCategory = "SupportBot.Web.Agents.AgentHubErrors";

    private static readonly object?[] BadValues = [null, "", new string('x', 100 * 1024), 42, new[] { 1, 2 }, true, new { a = 1 }];

    private static Task<TestApp> StartAsync(Action<IServiceCollection>? services = null) =>
        TestApp.StartAsync(new Dictionary<string, string?>(Accounts(1)) { ["Handoff:Enabled"] = "true" }, services);

    /// <summary>The code of a hub error as the console extracts it (the text after "HubException: "), or null.</summary>
    private static string? Code(HubException e) => CodedError().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"HubException: ([a-z_]+): \S")]
    private static partial Regex CodedError();

    public static IEnumerable<MethodInfo> HubMethods => typeof(AgentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(AgentHub));

    /// <summary>Each method with every bad value in each place, the other places holding harmless ones, and one argument too few and too many.</summary>
    private static IEnumerable<object?[]> BadCalls(MethodInfo method)
    {
        object?[] harmless = [.. method.GetParameters().Select(p => p.ParameterType == typeof(string) ? "no-such-thing" : (object)Array.Empty<string>())];
        for (var i = 0; i < harmless.Length; i++)
        {
            foreach (var bad in BadValues)
            {
                var args = (object?[])harmless.Clone();
                args[i] = bad;
                yield return args;
            }
        }

        if (harmless.Length > 0)
        {
            yield return harmless[..^1];
        }

        yield return [.. harmless, "one too many"];
    }

    [Fact]
    public async Task EveryHubMethodRefusesBadArgumentsWithACodeAndKeepsTheConnection()
    {
        await using var app = await StartAsync();
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");
        var uncoded = new List<string>();
        var calls = 0;

        foreach (var method in HubMethods)
        {
            foreach (var args in BadCalls(method))
            {
                calls++;
                try
                {
                    await agent.Hub.InvokeCoreAsync(method.Name, typeof(object), args);
                    uncoded.Add($"{method.Name}({args.Length} args) succeeded");
                }
                catch (HubException e) when (Code(e) is not null)
                {
                }
                catch (Exception e)
                {
                    uncoded.Add($"{method.Name}({string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"))}): {e.GetType().Name}: {e.Message[..Math.Min(200, e.Message.Length)]}");
                }
            }

            Assert.True(agent.Hub.State == HubConnectionState.Connected, $"the connection closed after {method.Name}");
        }

        Assert.True(calls > 100, $"only {calls} calls: the hub's methods were not found");
        Assert.Empty(uncoded);
        Assert.NotNull(await agent.Hub.InvokeAsync<IReadOnlyList<QueueItem>>("Queue"));
        await using var another = await ConnectAsync(app.BaseUrl, "agent-01");
        Assert.NotNull(await another.Hub.InvokeAsync<AgentProfile>("Profile"));
        Assert.Empty(app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
    }

    [Fact]
    public async Task ResolvingATicketWithNoIdIsABadArgument()
    {
        await using var app = await StartAsync();
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");

        var refused = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync("ResolveTicket", (string?)null));

        Assert.Equal("bad_argument", Code(refused));
    }

    [Fact]
    public async Task ExpectedRefusalsAreLoggedAtInformationWithoutAStackTrace()
    {
        await using var app = await StartAsync();
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");

        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<ChatView>("Claim", "no-such-conversation"));
        }

        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.Contains("SignalR", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
        var refusals = app.Logs.Entries.Where(e => e.Category == ErrorsCategory).ToList();
        Assert.Equal(20, refusals.Count(e => e.Level == LogLevel.Information && e.Exception is null && e.Message.Contains("not_found", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnUnexpectedFailureIsLoggedOnceAsAnErrorAndAnsweredWithACode()
    {
        var tickets = new Mock<ITicketStore>();
        // Only the hub's own call (open tickets) breaks: the archive worker also lists tickets, and its failure is its own error.
        tickets.Setup(t => t.ListAsync(It.IsAny<int>(), false, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("the ticket store broke"));
        tickets.Setup(t => t.ListAsync(It.IsAny<int>(), true, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        await using var app = await StartAsync(s => s.AddSingleton(tickets.Object));
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");

        var failed = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<IReadOnlyList<TicketView>>("Tickets"));

        Assert.Equal("server_error", Code(failed));
        Assert.DoesNotContain("broke", failed.Message);
        var errors = app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 1, $"{errors.Count} errors logged: " + string.Join(" | ", errors.Select(e => $"{e.Category}: {e.Message} {e.Exception}")));
        var error = errors[0];
        Assert.Equal((ErrorsCategory, "the ticket store broke"), (error.Category, error.Exception?.Message));
        Assert.NotNull(await agent.Hub.InvokeAsync<IReadOnlyList<QueueItem>>("Queue"));
    }
}
