using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Builder;
using SupportBot.Conversations;

namespace SupportBot.State;

/// <summary>
/// State scoped to something a turn belongs to (the conversation, the user), loaded once per turn into
/// <see cref="ITurnContext.TurnState"/> and written back with its eTag, as the SDK's BotState does. Each property
/// is deserialised on its first get and the same object is handed out for the rest of the turn; at save each one
/// is serialised once and compared, as JSON bytes, with what was loaded, so a turn that changed nothing writes nothing.
/// </summary>
public abstract class BotState(IStorage storage, string stateName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected IStorage Storage { get; } = storage;

    private string CacheKey => $"{stateName}.cache";

    protected abstract string GetStorageKey(ITurnContext turnContext);

    public IStatePropertyAccessor<T> CreateProperty<T>(string name) => new PropertyAccessor<T>(this, name);

    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!force && turnContext.TurnState.ContainsKey(CacheKey))
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        JsonObject state;
        if (!force && TurnPreload.Of(turnContext.TurnState) is { } preload && Storage.TryTakePreloaded(preload, key, out var preloaded))
        {
            state = preloaded ?? []; // read with the turn's hand-out
        }
        else
        {
            var items = await Storage.ReadAsync([key], cancellationToken);
            state = items.TryGetValue(key, out var found) ? found : [];
        }

        turnContext.TurnState[CacheKey] = new CachedState(state);
    }

    /// <summary>Writes the state if this turn changed it; a concurrent writer makes this throw <see cref="ETagConflictException"/>.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!turnContext.TurnState.TryGetValue(CacheKey, out var value) || value is not CachedState cached)
        {
            return;
        }

        if (!cached.Serialize() && !force)
        {
            return;
        }

        await Storage.WriteAsync(new Dictionary<string, JsonObject> { [GetStorageKey(turnContext)] = cached.Stored }, cancellationToken);
        cached.MarkSaved();
    }

    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        turnContext.TurnState.Remove(CacheKey);
        await Storage.DeleteAsync([GetStorageKey(turnContext)], cancellationToken);
    }

    private async Task<CachedState> StateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        return (CachedState)turnContext.TurnState[CacheKey];
    }

    /// <summary>The state as stored (with its eTag), and the properties this turn has read or set, as objects.</summary>
    private sealed class CachedState(JsonObject stored)
    {
        private readonly Dictionary<string, (object? Value, Type Type)> _values = new(StringComparer.Ordinal);
        private bool _removed;

        public JsonObject Stored { get; } = stored;

        public bool TryGet<T>(string name, out T value)
        {
            if (_values.TryGetValue(name, out var cached) && cached.Type == typeof(T))
            {
                value = (T)cached.Value!;
                return true;
            }

            if (Stored[name] is { } node)
            {
                value = node.Deserialize<T>(Json)!;
                _values[name] = (value, typeof(T));
                return true;
            }

            value = default!;
            return false;
        }

        public void Set<T>(string name, T value) => _values[name] = (value, typeof(T));

        public void Remove(string name)
        {
            _values.Remove(name);
            _removed |= Stored.Remove(name);
        }

        /// <summary>Serialises each property this turn touched into <see cref="Stored"/>; true if any differs from before.</summary>
        /// <remarks>
        /// Compared as UTF-8 JSON rather than as two DOMs: the stored value was written by the same serialiser, so an
        /// unchanged property has the same bytes, and only a changed one is parsed into <see cref="Stored"/>. Bytes that
        /// differ for an equal value (not produced by one serialiser) would only cost a write, never lose one.
        /// </remarks>
        public bool Serialize()
        {
            var changed = _removed;
            var scratch = t_scratch ??= new ArrayBufferWriter<byte>(4096);
            foreach (var (name, (value, type)) in _values)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(value, type, Json);
                if (!SameJson(Stored[name], json, scratch))
                {
                    Stored[name] = JsonNode.Parse(json);
                    changed = true;
                }
            }

            if (scratch.Capacity > MaxKeptScratch)
            {
                t_scratch = null; // one conversation's outsized state is not kept for the thread's life
            }

            return changed;
        }

        private const int MaxKeptScratch = 64 * 1024;

        // The stored side of the comparison is written here; Serialize runs without awaiting, so a thread's one will do.
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_scratch;

        private static bool SameJson(JsonNode? stored, ReadOnlySpan<byte> json, ArrayBufferWriter<byte> scratch)
        {
            if (stored is null)
            {
                return json.SequenceEqual("null"u8);
            }

            scratch.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(scratch))
            {
                stored.WriteTo(writer);
            }

            return scratch.WrittenSpan.SequenceEqual(json);
        }

        public void MarkSaved() => _removed = false;
    }

    private sealed class PropertyAccessor<T>(BotState owner, string name) : IStatePropertyAccessor<T>
    {
        public string Name => name;

        public async Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValueFactory, CancellationToken cancellationToken = default)
        {
            var state = await owner.StateAsync(turnContext, cancellationToken);
            if (state.TryGet<T>(name, out var value))
            {
                return value;
            }

            value = defaultValueFactory();
            state.Set(name, value);
            return value;
        }

        public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
        {
            var state = await owner.StateAsync(turnContext, cancellationToken);
            state.Set(name, value);
        }

        public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var state = await owner.StateAsync(turnContext, cancellationToken);
            state.Remove(name);
        }
    }
}
