using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportBot.Attachments;
using SupportBot.Conversations;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// The contentUrl of an uploaded file: a link signed for its conversation that lapses when the file does. Web Chat
/// shows images with a plain &lt;img src&gt;, which sends no token, so the link itself must carry the permission.
/// </summary>
/// <remarks>
/// A link lives as long as the file (Conversations:Ttl from the upload): it is stored in the conversation, and a
/// customer who reloads the page days later is shown the same activities again, images included. A shorter life
/// would break those images while the file still exists; a leaked link is as good as the conversation's own
/// transcript, which holds it. Rotating DirectLine:AttachmentUrlKey ends every link at once.
/// </remarks>
public sealed class AttachmentUrls
{
    public const string ExpiresParameter = "e";
    public const string SignatureParameter = "s";

    private readonly AttachmentSignature _signature;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public AttachmentUrls(IOptions<DirectLineOptions> directLine, IOptions<ConversationOptions> conversations, TimeProvider clock, ILogger<AttachmentUrls> logger)
    {
        _signature = new AttachmentSignature(Key(directLine.Value, logger));
        _lifetime = conversations.Value.Ttl;
        _clock = clock;
    }

    public string Signed(string baseUrl, string attachmentId, string conversationId)
    {
        var expires = (_clock.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        return $"{baseUrl}/v3/directline/attachments/{attachmentId}?{ExpiresParameter}={expires.ToString(CultureInfo.InvariantCulture)}"
            + $"&{SignatureParameter}={_signature.Sign(attachmentId, conversationId, expires)}";
    }

    /// <summary>Whether the request carries a link signature at all (rather than a token).</summary>
    public static bool IsSignedLink(HttpRequest request) =>
        request.Query.ContainsKey(ExpiresParameter) || request.Query.ContainsKey(SignatureParameter);

    public AttachmentLinkStatus Check(HttpRequest request, string attachmentId, StoredAttachment attachment) =>
        _signature.Check(attachmentId, attachment.ConversationId, request.Query[ExpiresParameter], request.Query[SignatureParameter], _clock.GetUtcNow());

    // The purpose label keeps this key apart from any other key derived from the same secret.
    private static byte[] Key(DirectLineOptions options, ILogger logger)
    {
        var configured = options.AttachmentUrlKey.Length > 0 ? options.AttachmentUrlKey : options.Secret;
        if (configured.Length > 0)
        {
            return HMACSHA256.HashData(Encoding.UTF8.GetBytes(configured), "supportbot/directline/attachment-urls"u8);
        }

        logger.LogWarning("Neither DirectLine:AttachmentUrlKey nor DirectLine:Secret is set: attachment links work only on this process, until it restarts.");
        return RandomNumberGenerator.GetBytes(32);
    }
}
