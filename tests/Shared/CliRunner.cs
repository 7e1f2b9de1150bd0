using System.Diagnostics;

namespace SupportBot.Tests;

/// <summary>Runs the built maintainer CLI as a maintainer would, capturing what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string Dll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryPaths.Root, "src", "SupportBot.Cli", "bin", configuration, "net10.0", "supportbot.dll");
        }
    }

    public static Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs the CLI with <paramref name="input"/> on its standard input (a password, say).</summary>
    public static async Task<Result> RunWithInputAsync(string? input, params string[] args)
    {
        Assert.True(File.Exists(Dll), $"Build the CLI first (dotnet build SupportBot.sln): {Dll} is missing.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Only a hang guard: `train` on the shipped data (23,000 lines) takes minutes on a busy two-core machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`supportbot {string.Join(' ', args.Take(2))}` did not finish in 15 minutes.");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
