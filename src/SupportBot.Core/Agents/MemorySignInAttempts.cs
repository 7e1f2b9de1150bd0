namespace SupportBot.Agents;

/// <summary>In-process twin of <see cref="RedisSignInAttempts"/>: a count per name that lapses a window after its first failure.</summary>
public sealed class MemorySignInAttempts(TimeProvider clock) : ISignInAttempts
{
    private readonly Dictionary<string, (int Count, DateTimeOffset Expires)> _failures = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<int> FailedAsync(string name, TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = RedisSignInAttempts.Normalize(name);
            var now = clock.GetUtcNow();
            var failures = _failures.TryGetValue(key, out var current) && current.Expires > now
                ? current with { Count = current.Count + 1 }
                : (Count: 1, Expires: now + window);
            _failures[key] = failures;
            return Task.FromResult(failures.Count);
        }
    }

    public Task<int> CountAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _failures.TryGetValue(RedisSignInAttempts.Normalize(name), out var current) && current.Expires > clock.GetUtcNow() ? current.Count : 0);
        }
    }

    public Task ResetAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _failures.Remove(RedisSignInAttempts.Normalize(name));
        }

        return Task.CompletedTask;
    }
}
