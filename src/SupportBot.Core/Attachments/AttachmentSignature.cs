using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Attachments;

public enum AttachmentLinkStatus
{
    Valid,

    /// <summary>Missing, malformed, or signed for another file, conversation or expiry: altered or forged.</summary>
    Invalid,

    /// <summary>Genuine but past its expiry.</summary>
    Expired,
}

/// <summary>
/// The HMAC-SHA256 that makes an attachment link a credential: it covers the file's id, the conversation it
/// belongs to and the link's expiry, so none of them can be changed without the key.
/// </summary>
public sealed class AttachmentSignature(byte[] key)
{
    private const int SignatureBytes = 32;
    private const int EncodedLength = 43; // 32 bytes in unpadded base64url

    public string Sign(string attachmentId, string conversationId, long expiresUnixSeconds) =>
        Base64Url.EncodeToString(Compute(attachmentId, conversationId, expiresUnixSeconds));

    public AttachmentLinkStatus Check(string attachmentId, string conversationId, string? expires, string? signature, DateTimeOffset now)
    {
        Span<byte> actual = stackalloc byte[SignatureBytes];
        if (conversationId.Length == 0
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || signature is not { Length: EncodedLength }
            || !Base64Url.TryDecodeFromChars(signature, actual, out var written) || written != SignatureBytes
            || !CryptographicOperations.FixedTimeEquals(actual, Compute(attachmentId, conversationId, expiresAt)))
        {
            return AttachmentLinkStatus.Invalid;
        }

        return expiresAt <= now.ToUnixTimeSeconds() ? AttachmentLinkStatus.Expired : AttachmentLinkStatus.Valid;
    }

    private byte[] Compute(string attachmentId, string conversationId, long expiresUnixSeconds) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{attachmentId}\n{conversationId}\n{expiresUnixSeconds.ToString(CultureInfo.InvariantCulture)}"));
}
