using System.Text.Json.Nodes;

namespace SupportBot.State;

/// <summary>
/// Key-value storage for bot state, shaped like Microsoft.Bot.Builder's IStorage. Each value is a JSON object;
/// its <c>eTag</c> property carries optimistic concurrency: a write whose eTag is not the stored one is refused
/// with <see cref="ETagConflictException"/>, and "*" or no eTag overwrites.
/// </summary>
public interface IStorage : SupportBot.Conversations.ICustomerData
{
    Task<IDictionary<string, JsonObject>> ReadAsync(string[] keys, CancellationToken cancellationToken = default);

    /// <summary>Writes each change and sets its <c>eTag</c> to the new value.</summary>
    Task WriteAsync(IDictionary<string, JsonObject> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// The item stored under <paramref name="key"/> as the conversation log read it when it handed the turn out
    /// (<paramref name="preload"/>), where that read was of this storage; <paramref name="item"/> null: nothing was
    /// stored. False: read it with <see cref="ReadAsync"/>. Each preload is taken once.
    /// </summary>
    bool TryTakePreloaded(SupportBot.Conversations.TurnPreload preload, string key, out JsonObject? item)
    {
        item = null;
        return false;
    }
}
