using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Dialogs;

/// <summary>A temporary copy of the shipped dialogs/ folder that a test may break or edit, deleted afterwards.</summary>
public sealed class DialogFolder : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public DialogFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "supportbot-dialogs-" + Guid.NewGuid().ToString("N"));
        foreach (var source in Directory.GetFiles(RepositoryPaths.Dialogs, "*.json", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(RepositoryPaths.Dialogs, source));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(source, target);
        }
    }

    public string Path { get; }

    /// <summary>The full path of a file in the copy, e.g. "intents/order_status.json".</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Replaces text that occurs exactly once in the file, so the edit cannot silently miss.</summary>
    public void Replace(string relative, string old, string replacement)
    {
        var text = System.IO.File.ReadAllText(File(relative));
        var first = text.IndexOf(old, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(old, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{old}' must occur exactly once in {relative}.");
        }

        System.IO.File.WriteAllText(File(relative), text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>Changes the file's JSON and writes it back indented, one value a line.</summary>
    public void Edit(string relative, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(File(relative)), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        change(root);
        System.IO.File.WriteAllText(File(relative), root.ToJsonString(Indented));
    }

    public void Move(string relative, string newRelative) => System.IO.File.Move(File(relative), File(newRelative));

    /// <summary>The 1-based line of the only line of the file that contains <paramref name="needle"/>.</summary>
    public int LineOf(string relative, string needle)
    {
        var lines = System.IO.File.ReadAllLines(File(relative));
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(needle, StringComparison.Ordinal)).ToList();
        return found.Count == 1 ? found[0] + 1 : throw new InvalidOperationException($"'{needle}' is on {found.Count} lines of {relative}, not one.");
    }

    /// <summary>Loading the copy fails naming <paramref name="relative"/>, the line that holds <paramref name="lineWith"/>, and the problem.</summary>
    public void AssertRefused(string relative, string lineWith, string problem)
    {
        var error = Assert.Throws<SupportBot.Dialogs.DialogFileException>(() =>
            SupportBot.Dialogs.DialogLoader.Load(Path, SupportBot.Dialogs.DialogActions.Descriptors));

        Assert.Equal(File(relative), error.File);
        Assert.Equal(LineOf(relative, lineWith), error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned up eventually anyway.
        }
    }
}
