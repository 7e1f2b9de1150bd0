using System.Text.Json.Serialization;
using SupportBot.Schema;

namespace SupportBot.Web.DirectLine;

/// <summary>Answer of tokens/generate, tokens/refresh, start and reconnect (Direct Line's Conversation object).</summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);

/// <summary>Body of tokens/generate and of starting a conversation; every part optional.</summary>
public sealed class StartRequest
{
    public ChannelAccount? User { get; set; }

    public string? Locale { get; set; }
}

public sealed record IdResponse([property: JsonPropertyName("id")] string Id);
