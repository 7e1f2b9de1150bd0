using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Conversations;

/// <summary>Conversation references in Redis, one JSON string a conversation, beside its log and with its TTL.</summary>
public sealed class RedisConversationReferences(IConnectionMultiplexer redis, RedisKeys keys, IOptions<ConversationOptions> options) : IConversationReferences
{
    public Task SaveAsync(string conversationId, ConversationReference reference, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().StringSetAsync(keys.ConversationReference(conversationId), JsonSerializer.Serialize(reference, ConversationReferenceJson.Default.ConversationReference), options.Value.Ttl);

    public async Task<ConversationReference?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var json = await redis.GetDatabase().StringGetAsync(keys.ConversationReference(conversationId));
        return json.HasValue ? JsonSerializer.Deserialize(json.ToString(), ConversationReferenceJson.Default.ConversationReference) : null;
    }

    // Deleting the conversation deletes its reference too; this catches one whose log is already gone.
    public async Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().KeyDeleteAsync([.. conversationIds.Select(keys.ConversationReference)]);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationReference))]
internal sealed partial class ConversationReferenceJson : JsonSerializerContext;
