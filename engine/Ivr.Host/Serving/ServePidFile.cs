using System.Diagnostics;
using System.Globalization;

namespace Ivr.Host.Serving;

/// <summary>
/// <c>DATA/serve.pid</c>: which process serves this data folder, so <c>ivr drain</c> can signal it. It holds the
/// process id and the process's start time, so a file left by a crash (or naming a process id the system has since
/// given to another program) is recognised as stale and never signalled. Written when the server starts, removed
/// when it has stopped.
/// </summary>
public sealed class ServePidFile : IDisposable
{
    public const string FileName = "serve.pid";

    private readonly string _path;
    private readonly string _content;

    private ServePidFile(string path, string content)
    {
        _path = path;
        _content = content;
    }

    public static string PathIn(string data) => Path.Combine(data, FileName);

    /// <summary>Writes our pid; refuses (<see cref="ServerStartException"/>) while another live server holds the folder.</summary>
    public static ServePidFile Claim(string data, Action<string> log)
    {
        var path = PathIn(data);
        switch (Read(data))
        {
            case { Running: true, Pid: var pid } when pid != Environment.ProcessId:
                throw new ServerStartException($"another ivr serve (pid {pid}) uses {data}; stop it first (ivr drain --data {data})");
            case { Running: false, Pid: var pid } when File.Exists(path):
                log($"{path} was left by process {pid}, which no longer runs; replacing it");
                break;
        }

        using var self = Process.GetCurrentProcess();
        var content = $"{Environment.ProcessId} {StartOf(self).ToString("O", CultureInfo.InvariantCulture)}\n";
        try
        {
            Directory.CreateDirectory(data);
            File.WriteAllText(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"cannot write {path}: {e.Message}");
        }

        return new ServePidFile(path, content);
    }

    /// <summary>What the file in <paramref name="data"/> says: no file (pid 0), a running server, or a stale file.</summary>
    public static (int Pid, bool Running) Read(string data)
    {
        string text;
        try
        {
            text = File.ReadAllText(PathIn(data));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (0, false);
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 2 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var pid) || pid <= 0
            || !DateTime.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started))
            return (-1, false);
        return (pid, IsRunning(pid, started));
    }

    /// <summary>Removes the file if it is still ours.</summary>
    public void Dispose()
    {
        try
        {
            if (File.Exists(_path) && File.ReadAllText(_path) == _content) File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRunning(int pid, DateTime started)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && (StartOf(process) - started.ToUniversalTime()).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static DateTime StartOf(Process process) => process.StartTime.ToUniversalTime();
}
