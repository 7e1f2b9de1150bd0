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
}
