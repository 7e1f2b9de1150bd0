
namespace SupportBot.Dialogs;

/// <summary>The dialogs put aside when the customer changed topic, and finding the dialog a frame belongs to.</summary>
internal sealed class TopicStack(TurnScope s)
{
    private DialogMemory Memory => s.Memory;

    /// <summary>Puts the active dialog aside (most recent last); it resumes when the new topic is done.</summary>
    public void PauseActive()
    {
        if (Memory.Active is { } frame)
        {
            Memory.Paused.RemoveAll(f => f.Intent == frame.Intent);
            Memory.Paused.Add(frame);
            Memory.Active = null;
        }
    }

    /// <summary>Takes up the most recently paused dialog that still exists, where it waited.</summary>
    public async Task ResumeAsync(RunMode mode, CancellationToken ct)
    {
        while (Memory.Paused.Count > 0)
        {
            var frame = Memory.Paused[^1];
            Memory.Paused.RemoveAt(Memory.Paused.Count - 1);
            if (Find(frame) is { } found)
            {
                await s.SayAsync(s.Message(MessageKeys.Resume).Replace("{topic}", found.Dialog.Title[s.Language], StringComparison.Ordinal), ct);
                await s.Steps.RunAsync(frame, found.Dialog, frame.Step, mode, ct);
                return;
            }
        }
    }

    /// <summary>
    /// The frame's dialog; if its file changed since the frame started, the frame starts over (slots are kept) and
    /// <see cref="FoundDialog.Restarted"/> says so.
    /// </summary>
    public FoundDialog? Find(DialogFrame frame)
    {
        if (s.Catalog.Find(frame.Intent) is not { } dialog)
        {
            return null;
        }

        if (dialog.Version != frame.Version || frame.Step >= dialog.Steps.Count)
        {
            frame.Version = dialog.Version;
            frame.Step = 0;
            frame.Attempts = 0;
            frame.Values.Clear();
            return new FoundDialog(dialog, Restarted: true);
        }

        return new FoundDialog(dialog, Restarted: false);
    }
}

/// <summary>A frame's dialog, and whether the frame had to start over because the dialog's file changed.</summary>
internal sealed record FoundDialog(DialogDefinition Dialog, bool Restarted);
