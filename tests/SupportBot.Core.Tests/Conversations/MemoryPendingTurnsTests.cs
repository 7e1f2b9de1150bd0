using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Tests.Conversations;

/// <summary>The in-memory twins, shared as one process's log and lock are.</summary>
public sealed class MemoryPendingTurnsTests : PendingTurnsContract
{
    private readonly MemoryConversationLog _log = new();
    private readonly MemoryTurnLock _lock = new(Options.Create(new ConversationOptions()));

    protected override IConversationLog CreateLog() => _log;

    protected override ITurnLock CreateLock() => _lock;
}
