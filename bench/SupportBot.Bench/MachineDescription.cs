namespace SupportBot.Bench;

/// <summary>
/// What the reports say a run ran on besides its cores and operating system. Two days' figures compare only on the same
/// processor and kernel: on the same two-core VM a day apart, SupportBot's open-loop p99 was 2.9 times the day before's
/// and the bare turn's 1.9 times (docs/performance.md, 2026-12-07).
/// </summary>
internal static class MachineDescription
{
    /// <summary>The processor's model and the kernel's release, e.g. "AMD EPYC, kernel 6.18.44"; the architecture where Linux's files are missing.</summary>
    public static string Cpu { get; } = Describe();

    private static string Describe()
    {
        var model = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var kernel = Read("/proc/sys/kernel/osrelease")?.Trim();
        var cpu = model ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        return kernel is null ? cpu : $"{cpu}, kernel {kernel}";
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
