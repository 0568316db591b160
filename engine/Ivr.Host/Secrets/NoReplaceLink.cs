using System.Runtime.InteropServices;

namespace Ivr.Host.Secrets;

/// <summary>Puts a finished file at a path only if nothing is there, atomically: POSIX <c>link(2)</c>, which fails with
/// EEXIST rather than replace (<see cref="File.Move(string, string, bool)"/> checks first, then renames — two processes
/// could both win). Elsewhere a plain move.</summary>
internal static class NoReplaceLink
{
    private const int EEXIST = 17;

    /// <returns>False when <paramref name="target"/> exists; the source stays either way (the caller deletes it).</returns>
    public static bool TryLink(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            if (File.Exists(target)) return false;
            File.Copy(source, target, overwrite: false);
            return true;
        }

        if (Link(source, target) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == EEXIST ? false : throw new IOException($"cannot create {target}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);
}
