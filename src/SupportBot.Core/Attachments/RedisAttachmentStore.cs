using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.Attachments;

public sealed class RedisAttachmentStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<ConversationOptions> options) : IAttachmentStore
{
    public async Task<string> SaveAsync(StoredAttachment attachment, CancellationToken cancellationToken = default)
    {
        var id = ActivityIds.NewId();
        var key = keys.Attachment(id);
        var db = redis.GetDatabase();
        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(key, [new("contentType", attachment.ContentType), new("name", attachment.Name), new("data", attachment.Data), new("conversation", attachment.ConversationId)]);
        _ = tx.KeyExpireAsync(key, options.Value.Ttl);
        await tx.ExecuteAsync();
        return id;
    }

    public async Task<StoredAttachment?> GetAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        // A file stored before attachments named their conversation has none: no token matches it.
        var values = await redis.GetDatabase().HashGetAsync(keys.Attachment(attachmentId), ["contentType", "name", "data", "conversation"]);
        return values[0].IsNull ? null : new StoredAttachment(values[0]!, values[1]!, (byte[])values[2]!, values[3].IsNull ? "" : values[3]!);
    }

    // Files are found by id only, so a privacy request walks them all (they live as long as their conversation).
    public async Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var ids = conversationIds.ToHashSet(StringComparer.Ordinal);
        await foreach (var key in RedisScan.KeysAsync(redis, keys.AttachmentPattern))
        {
            if (ids.Contains((string?)await db.HashGetAsync(key, "conversation") ?? ""))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }
}
