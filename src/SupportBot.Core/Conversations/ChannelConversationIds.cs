using System.Security.Cryptography;
using System.Text;
using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>
/// Ids for conversations that another channel keeps (Teams, the Emulator... through /api/messages): "{channel}-{hash}"
/// of the channel id and the channel's own conversation id. Channel ids are long and full of ':' and ';', so the
/// hash makes them fit Redis keys and URLs; the channel prefix keeps a Teams chat and a widget chat (whose ids are
/// letters and digits only) from ever sharing an id.
/// </summary>
public static class ChannelConversationIds
{
    private const int MaxChannelLength = 20;
    private const int HashLength = 32;

    public static string For(string channelId, string channelConversationId)
    {
        var channel = new string([.. channelId.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(MaxChannelLength)]);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}\n{channelConversationId}"));
        var text = Convert.ToBase64String(hash).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return $"{(channel.Length == 0 ? "channel" : channel)}-{text[..HashLength]}";
    }

    /// <summary>True for an id made by <see cref="For"/>: its replies go out through the channel's connector.</summary>
    public static bool IsChannelKept(string conversationId) => conversationId.IndexOf('-') > 0;

    /// <summary>The channel a conversation lives on: the prefix of a channel-kept id, else Direct Line (our widget).</summary>
    public static string ChannelOf(string conversationId) =>
        IsChannelKept(conversationId) ? conversationId[..conversationId.IndexOf('-')] : Channels.DirectLine;
}
