using SupportBot.Schema;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Where what the bot and agents say goes besides the conversation's log, for conversations another channel keeps
/// (the Bot Framework connector): Direct Line's customers read the log itself. Implementations queue and return at
/// once, so a slow channel never holds a turn.
/// </summary>
public interface IChannelOutbox
{
    /// <summary>Sends the logged activity on, if its conversation lives on another channel; a no-op otherwise.</summary>
    void Enqueue(string conversationId, Activity activity);
}
