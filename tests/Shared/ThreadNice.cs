using System.Globalization;

namespace SupportBot.Tests;

/// <summary>Linux scheduling niceness as the kernel reports it, for the calling thread or the whole process.</summary>
public static class ThreadNice
{
    /// <summary>The calling thread's nice value (/proc/thread-self names its own directory).</summary>
    public static int OfThisThread() => Of("/proc/thread-self/stat");

    /// <summary>The process's nice value: its main thread's.</summary>
    public static int OfProcess() => Of("/proc/self/stat");

    // Field 19 of a stat file, counted after the command name (which may hold spaces) ends with ')'.
    private static int Of(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture);
    }
}
