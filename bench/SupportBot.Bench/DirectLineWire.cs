using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Bench;

/// <summary>Answer of POST /widget/session.</summary>
internal sealed record WidgetSession(string ConversationId, string UserId, string Token);

/// <summary>Answer of tokens/generate and of starting a conversation (Direct Line's Conversation object).</summary>
internal sealed record DirectLineConversation(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl);

/// <summary>Answer of posting an activity: the id the server gave it.</summary>
internal sealed record ResourceResponse(string Id);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WidgetSession))]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(ResourceResponse))]
internal sealed partial class WireJson : JsonSerializerContext;
