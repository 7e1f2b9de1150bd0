namespace SupportBot.State;

/// <summary>A write carried an eTag that is no longer the stored one: someone else wrote first.</summary>
public sealed class ETagConflictException(string key)
    : Exception($"Storage key '{key}' was changed by another writer (stale eTag).")
{
    public string Key { get; } = key;
}
