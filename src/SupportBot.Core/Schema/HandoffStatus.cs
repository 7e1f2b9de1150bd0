using System.Text.Json;

namespace SupportBot.Schema;

/// <summary>What a <see cref="HandoffEventNames.HandoffStatus"/> event says: its state, and our details beside it.</summary>
public sealed record HandoffStatus(string State, string? AgentName, string? Outcome, string? Intent, string? Message)
{
    /// <summary>Outcome of a completed hand-off the agent gave back to the bot (otherwise it was closed).</summary>
    public const string Returned = "returned";

    public const string Closed = "closed";

    /// <summary>The agent's account id (names may repeat): the archive counts chats, handle times and ratings per agent by it.</summary>
    public string? AgentId { get; init; }

    /// <summary>On a closed hand-off: the agent's tags (and <see cref="Intent"/> the intent the customer really meant), for the archive.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public static HandoffStatus? Read(Activity activity)
    {
        if (activity is not { Type: ActivityTypes.Event, Name: HandoffEventNames.HandoffStatus, Value: { ValueKind: JsonValueKind.Object } value }
            || !value.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new HandoffStatus(state.GetString()!, Text(value, "agentName"), Text(value, "outcome"), Text(value, "intent"), Text(value, "message"))
        {
            AgentId = Text(value, "agentId"),
            Tags = value.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
                : null,
        };
    }

    /// <summary>The event the agent desk sends the bot.</summary>
    public Activity ToActivity() => new()
    {
        Type = ActivityTypes.Event,
        Name = HandoffEventNames.HandoffStatus,
        Value = JsonSerializer.SerializeToElement(new { state = State, message = Message, agentName = AgentName, agentId = AgentId, outcome = Outcome, intent = Intent, tags = Tags }),
    };

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
