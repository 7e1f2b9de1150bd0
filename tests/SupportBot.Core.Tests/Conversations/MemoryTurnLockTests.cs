using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Tests.Conversations;

public class MemoryTurnLockTests : TurnLockContract
{
    protected override ITurnLock CreateLock(TimeSpan wait, TimeSpan? lease = null) =>
        new MemoryTurnLock(Options.Create(new ConversationOptions { TurnLockWait = wait }));
}
