using Microsoft.Extensions.Options;
using static SupportBot.Handoff.Agents.SignInLimits;

namespace SupportBot.Handoff.Agents;

/// <summary>In-process twin of <see cref="RedisSignInThrottle"/>: the same rules, under one lock.</summary>
public sealed class MemorySignInThrottle(IOptions<AgentsOptions> options, TimeProvider clock) : ISignInThrottle
{
    private readonly Dictionary<string, AccountEntry> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep;

    public Task<SignInPermit> TryBeginAsync(string account, string? address, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Sweep(now, force: false);
            var entry = Entry(NormalizeAccount(account));
            if (entry.Expires <= now)
            {
                entry.Failures = 0;
            }

            var key = NormalizeAddress(address);
            var pair = entry.Pairs.TryGetValue(key, out var current) && current.Ends > now ? current : new PairEntry(0, now + limits.SignInFailureWindow);
            if (pair.Failures >= limits.SignInFailuresPerAddress)
            {
                return Task.FromResult(SignInPermit.Refused(pair.Ends - now));
            }

            var trusted = entry.Trusted.TryGetValue(key, out var trustedUntil) && trustedUntil > now;
            var backoffEnds = entry.Last + Backoff(entry.Failures, limits);
            if (!trusted && now < backoffEnds)
            {
                return Task.FromResult(SignInPermit.Refused(backoffEnds - now));
            }

            entry.Pairs[key] = pair with { Failures = pair.Failures + 1 };
            entry.Failures++;
            entry.Last = now;
            entry.Expires = now + limits.SignInFailureWindow;
            return Task.FromResult(SignInPermit.Granted);
        }
    }

    public Task SucceededAsync(string account, string? address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var entry = Entry(NormalizeAccount(account));
            var key = NormalizeAddress(address);
            entry.Pairs.Remove(key);
            entry.Failures = Math.Max(0, entry.Failures - 1);
            entry.Trusted[key] = now + options.Value.SignInTrustedAddressLifetime;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SignInLockout>> ListAsync(CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Sweep(now, force: true);
            var lockouts = new List<SignInLockout>();
            foreach (var (account, entry) in _accounts)
            {
                lockouts.AddRange(entry.Pairs
                    .Where(p => p.Value.Failures >= limits.SignInFailuresPerAddress && p.Value.Ends > now)
                    .Select(p => new SignInLockout(account, p.Key, p.Value.Failures, p.Value.Ends)));
                if (entry.Expires > now && entry.Failures >= limits.SignInFailuresBeforeBackoff)
                {
                    lockouts.Add(new SignInLockout(account, null, entry.Failures, entry.Last + Backoff(entry.Failures, limits)));
                }
            }

            return Task.FromResult<IReadOnlyList<SignInLockout>>(lockouts);
        }
    }

    public Task ClearAsync(string account, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_accounts.TryGetValue(NormalizeAccount(account), out var entry))
            {
                entry.Pairs.Clear();
                entry.Failures = 0;
            }
        }

        return Task.CompletedTask;
    }

    private AccountEntry Entry(string account)
    {
        if (!_accounts.TryGetValue(account, out var entry))
        {
            _accounts[account] = entry = new AccountEntry();
        }

        return entry;
    }

    // Guesses at made-up names would otherwise leave an entry each for ever; a pass a minute keeps that bounded.
    private void Sweep(DateTimeOffset now, bool force)
    {
        if (!force && now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (account, entry) in _accounts)
        {
            if (entry.Expires <= now)
            {
                entry.Failures = 0;
            }

            RemoveWhere(entry.Pairs, p => p.Ends <= now);
            RemoveWhere(entry.Trusted, until => until <= now);
            if (entry.Failures == 0 && entry.Pairs.Count == 0 && entry.Trusted.Count == 0)
            {
                _accounts.Remove(account);
            }
        }
    }

    private static void RemoveWhere<T>(Dictionary<string, T> entries, Func<T, bool> lapsed)
    {
        foreach (var (key, value) in entries)
        {
            if (lapsed(value))
            {
                entries.Remove(key);
            }
        }
    }

    private sealed record PairEntry(int Failures, DateTimeOffset Ends);

    private sealed class AccountEntry
    {
        public int Failures { get; set; }

        public DateTimeOffset Last { get; set; }

        public DateTimeOffset Expires { get; set; }

        public Dictionary<string, PairEntry> Pairs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DateTimeOffset> Trusted { get; } = new(StringComparer.Ordinal);
    }
}
