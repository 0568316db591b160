using System.Diagnostics;
using System.Globalization;

namespace Ivr.Data.Nodes;

/// <summary>
/// Names the process that holds a node id, as <c>host/pid/start</c>: enough to tell, on the same host, a
/// restart after a crash (that process is gone) from a second node started with the same id (it still runs).
/// </summary>
public static class NodeInstance
{
    /// <summary>This process.</summary>
    public static string Current { get; } = Describe(Environment.MachineName, Environment.ProcessId, StartSecond(Process.GetCurrentProcess()));

    /// <summary>True only when <paramref name="instance"/> names a process of this host that no longer runs (its pid is
    /// free or now another process's). A process on another host cannot be checked from here: false.</summary>
    public static bool IsGone(string instance)
    {
        var parts = instance.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started))
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return StartSecond(process) != started;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return true; // no such process
        }
    }

    internal static string Describe(string host, int pid, long startSecond)
        => string.Create(CultureInfo.InvariantCulture, $"{host}/{pid}/{startSecond}");

    private static long StartSecond(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
}
