using System.Threading.Channels;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// "Something about the queue or the agents changed": raised by the bot side and the agent desk, read by the host's
/// loop that runs the <see cref="QueuePolicy"/>, which then works out what to tell whom. Several signals coalesce into
/// one pass.
/// </summary>
public sealed class QueueSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => _channel.Writer.TryWrite(true);

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
