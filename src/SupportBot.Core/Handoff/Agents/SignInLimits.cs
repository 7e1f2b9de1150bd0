using System.Net;
using System.Net.Sockets;

namespace SupportBot.Handoff.Agents;

/// <summary>The sign-in throttle's rules that both stores share (the Redis one repeats them in its Lua script).</summary>
public static class SignInLimits
{
    /// <summary>The first account-wide back-off; each further failure doubles it, up to Agents:SignInBackoffMax.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Stands for a client whose address is unknown (all such clients share one throttle).</summary>
    public const string UnknownAddress = "unknown";

    public static string NormalizeAccount(string name) => name.Trim().ToLowerInvariant();

    /// <summary>
    /// The address a client's failures count under. IPv6 clients count by their /64 network: one customer line gets
    /// a whole /64, so counting single addresses would let an attacker take a fresh one for every guess.
    /// </summary>
    public static string ClientKey(IPAddress? client)
    {
        if (client is null)
        {
            return UnknownAddress;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4().ToString();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    public static string NormalizeAddress(string? address) => string.IsNullOrEmpty(address) ? UnknownAddress : address;

    /// <summary>How long after the last failure an untrusted address must wait, once the account has this many failures.</summary>
    public static TimeSpan Backoff(int failures, AgentsOptions options)
    {
        if (failures < options.SignInFailuresBeforeBackoff)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - options.SignInFailuresBeforeBackoff, 30);
        var backoff = FirstBackoff * Math.Pow(2, doublings);
        return backoff < options.SignInBackoffMax ? backoff : options.SignInBackoffMax;
    }
}
