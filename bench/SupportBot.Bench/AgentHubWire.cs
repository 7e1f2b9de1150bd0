using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Bench;

/// <summary>
/// The parts of the agent side's protocol the handoff benchmark uses: the sign-in endpoint, the hub and the names
/// of its methods and events, and records with just the fields read from what the hub sends (camelCase JSON).
/// </summary>
internal static class AgentHubWire
{
    public const string SignInPath = "/agent/api/sign-in";
    public const string HubPath = "/hubs/agents";

    // Events the server calls on the console.
    public const string ChatAssigned = "ChatAssigned";
    public const string CustomerMessage = "CustomerMessage";

    // Hub methods the console calls.
    public const string Queue = "Queue";
    public const string Send = "Send";
    public const string ReturnToBot = "ReturnToBot";
}

/// <summary>POST /agent/api/sign-in body.</summary>
internal sealed record AgentSignInRequest(string Name, string Password);

/// <summary>The part of the sign-in answer the benchmark needs: the bearer token for the hub.</summary>
internal sealed record AgentSignInAnswer(string Token);

/// <summary>The part of the server's ChatView the benchmark needs.</summary>
internal sealed record AssignedChat(string ConversationId);

/// <summary>The part of the server's TranscriptEntry the benchmark needs.</summary>
internal sealed record TranscriptLine(string Id, string Sender, string? Text);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgentSignInRequest))]
[JsonSerializable(typeof(AgentSignInAnswer))]
internal sealed partial class AgentJson : JsonSerializerContext;
