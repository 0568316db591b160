using System.Runtime.InteropServices;

namespace Ivr.Sip.Transport;

/// <summary>
/// Raises the calling thread's scheduling weight (Linux nice, per thread) for a thread whose work per item is small and
/// bounded, like the UDP receive thread: on a machine busy with other work it still empties the socket before the
/// kernel's buffer overflows and drops every source's datagrams alike. Needs CAP_SYS_NICE; without it nothing changes.
/// </summary>
internal static partial class ReceiveThreadPriority
{
    private const int PrioProcess = 0;

    /// <summary>True when the calling thread now runs at <paramref name="nice"/> (e.g. -10).</summary>
    public static bool TryRaiseCurrentThread(int nice)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return SetPriority(PrioProcess, (uint)GetTid(), nice) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
