using Microsoft.Extensions.Logging;

namespace SupportBot.Intents;

/// <summary>
/// The serving classifier: loads the model at startup and, when the file changes, loads the new one beside it
/// and swaps it in with one reference write. A request in flight finishes on the model it started with; a file
/// that fails to load leaves the previous model serving and logs why.
/// </summary>
public sealed class IntentClassifier : IIntentClassifier, IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private readonly Lock _reloading = new();
    private volatile IntentModel _model;

    public IntentClassifier(string path, bool reloadOnChange, ILogger<IntentClassifier> logger)
    {
        _path = Path.GetFullPath(path);
        _logger = logger;
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException($"No intent model at {_path}: train one (dotnet run --project src/SupportBot.Cli -- train ...) or set Intents:ModelPath.", _path);
        }

        _model = IntentModel.LoadForServing(_path);
        logger.LogInformation("Intent model {Version} loaded from {Path} ({Labels} intents, threshold {Threshold}, by language: {ThresholdByLanguage})",
            _model.Card.Version, _path, _model.Card.Labels.Count, _model.Card.Threshold, Rejection.Describe(_model.Card.ThresholdByLanguage));
        _debounce = new Timer(_ => Reload());
        if (reloadOnChange)
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Schedule();
            _watcher.Created += (_, _) => Schedule();
            _watcher.Renamed += (_, _) => Schedule();
            _watcher.EnableRaisingEvents = true;
        }
    }

    public IntentModel Current => _model;

    public IntentResult Classify(string? text) => _model.Classify(text);

    /// <summary>Loads the file again; true when a model was swapped in.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            try
            {
                var candidate = IntentModel.LoadForServing(_path);
                var previous = _model;
                _model = candidate;
                _logger.LogInformation("Intent model {Version} now serving (was {Previous})", candidate.Card.Version, previous.Card.Version);
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "Could not load the intent model at {Path}; model {Version} keeps serving", _path, _model.Card.Version);
                return false;
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }

    // Writers touch a file several times; load once it has been quiet for a moment.
    private void Schedule() => _debounce.Change(Settle, Timeout.InfiniteTimeSpan);
}
