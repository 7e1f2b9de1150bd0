using Microsoft.Extensions.Logging;

namespace SupportBot.Dialogs;

/// <summary>
/// The dialogs in service. Loads the folder at startup (a bad folder stops the start with the file and line);
/// with reloading on, a changed folder loads into a new catalog that replaces the old one in one reference write.
/// A change that fails to load is logged and the previous dialogs keep serving.
/// </summary>
public sealed class DialogCatalogProvider : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private readonly string _directory;
    private readonly IReadOnlyCollection<ActionDescriptor> _actions;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private readonly Lock _reloading = new();
    private volatile DialogCatalog _current;

    public DialogCatalogProvider(string directory, IReadOnlyCollection<ActionDescriptor> actions, bool reloadOnChange, ILogger<DialogCatalogProvider> logger)
    {
        _directory = Path.GetFullPath(directory);
        _actions = actions;
        _logger = logger;
        _current = DialogLoader.Load(_directory, actions);
        logger.LogInformation("Dialogs loaded from {Directory}: {Count} dialogs", _directory, _current.Dialogs.Count);
        _debounce = new Timer(_ => Reload());
        if (reloadOnChange)
        {
            _watcher = new FileSystemWatcher(_directory, "*.json") { IncludeSubdirectories = true };
            _watcher.Changed += (_, _) => Schedule();
            _watcher.Created += (_, _) => Schedule();
            _watcher.Deleted += (_, _) => Schedule();
            _watcher.Renamed += (_, _) => Schedule();
            _watcher.EnableRaisingEvents = true;
        }
    }

    public DialogCatalog Current => _current;

    /// <summary>Loads the folder again; true when the new dialogs are now serving.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            try
            {
                _current = DialogLoader.Load(_directory, _actions);
                _logger.LogInformation("Dialogs reloaded from {Directory}: {Count} dialogs", _directory, _current.Dialogs.Count);
                return true;
            }
            catch (Exception ex) when (ex is DialogFileException or IOException or UnauthorizedAccessException)
            {
                _logger.LogError("Dialog change refused, the previous dialogs keep serving: {Problem}", ex.Message);
                return false;
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }

    // Editors write a file in several steps; wait until the writes settle.
    private void Schedule() => _debounce.Change(Settle, Timeout.InfiniteTimeSpan);
}
