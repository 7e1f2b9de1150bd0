namespace SupportBot.Tests;

/// <summary>Folders of this repository, found from the test binaries' location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Dialogs => Path.Combine(Root, "dialogs");

    public static string WebContentRoot => Path.Combine(Root, "src", "SupportBot.Web");

    /// <summary>The built server for tests that start it as a separate process: the same configuration as the tests.</summary>
    public static string WebDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(WebContentRoot, "bin", configuration, "net10.0", "SupportBot.Web.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SupportBot.sln not found above {AppContext.BaseDirectory}.");
    }
}
