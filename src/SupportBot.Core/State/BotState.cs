using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Builder;

namespace SupportBot.State;

/// <summary>
/// State scoped to something a turn belongs to (the conversation, the user), loaded once per turn into
/// <see cref="ITurnContext.TurnState"/> and written back with its eTag, as the SDK's BotState does.
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
        var items = await Storage.ReadAsync([key], cancellationToken);
        var state = items.TryGetValue(key, out var found) ? found : [];
        turnContext.TurnState[CacheKey] = new CachedState(state);
    }

    /// <summary>Writes the state if this turn changed it; a concurrent writer makes this throw <see cref="ETagConflictException"/>.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!turnContext.TurnState.TryGetValue(CacheKey, out var value) || value is not CachedState cached)
        {
            return;
        }

        if (!force && !cached.IsChanged)
        {
            return;
        }

        await Storage.WriteAsync(new Dictionary<string, JsonObject> { [GetStorageKey(turnContext)] = cached.State }, cancellationToken);
        cached.MarkSaved();
    }

    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        turnContext.TurnState.Remove(CacheKey);
        await Storage.DeleteAsync([GetStorageKey(turnContext)], cancellationToken);
    }

    private async Task<JsonObject> StateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        return ((CachedState)turnContext.TurnState[CacheKey]).State;
    }

    private sealed class CachedState(JsonObject state)
    {
        private string _savedJson = StoreItems.ToStoredJson(state);

        public JsonObject State { get; } = state;

        public bool IsChanged => StoreItems.ToStoredJson(State) != _savedJson;

        public void MarkSaved() => _savedJson = StoreItems.ToStoredJson(State);
    }

    private sealed class PropertyAccessor<T>(BotState owner, string name) : IStatePropertyAccessor<T>
    {
        public string Name => name;

        public async Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValueFactory, CancellationToken cancellationToken = default)
        {
            var state = await owner.StateAsync(turnContext, cancellationToken);
            if (state[name] is { } node)
            {
                return node.Deserialize<T>(Json)!;
            }

            var value = defaultValueFactory();
            state[name] = JsonSerializer.SerializeToNode(value, Json);
            return value;
        }

        public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
        {
            var state = await owner.StateAsync(turnContext, cancellationToken);
            state[name] = JsonSerializer.SerializeToNode(value, Json);
        }

        public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var state = await owner.StateAsync(turnContext, cancellationToken);
            state.Remove(name);
        }
    }
}
