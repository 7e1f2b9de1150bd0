using System.Threading.Channels;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// "Something about the queue or the agents changed": raised by the bot side and the agent desk, read by the host's
/// loop that runs the <see cref="QueuePolicy"/>, which then works out what to tell whom. Several signals coalesce into
/// one pass. The policy runs in the one process that holds the queue lease, so with several processes a signal goes to
/// every process (<see cref="BroadcastWith"/>): a claim on one would otherwise reach the consoles only on the lease
/// holder's next timed pass, or never if the chat came and went between two passes.
/// </summary>
public sealed class QueueSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Action? _broadcast;

    /// <summary>Raises the signal here and, with a broadcast attached, in every other process.</summary>
    public void Raise()
    {
        RaiseHere();
        _broadcast?.Invoke();
    }

    /// <summary>Raises the signal in this process only: what a broadcast from another process does.</summary>
    public void RaiseHere() => _channel.Writer.TryWrite(true);

    /// <summary>Attaches how a raise reaches the other processes (once, at startup).</summary>
    public void BroadcastWith(Action broadcast) => _broadcast = broadcast;

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
