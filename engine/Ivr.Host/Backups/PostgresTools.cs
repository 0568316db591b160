using System.Diagnostics;

namespace Ivr.Host.Backups;

/// <summary>PostgreSQL's own dump and restore programs (Debian postgresql-15): the newest installed, else the PATH's.</summary>
internal static class PostgresTools
{
    public static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(Find(program)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new IOException($"{program} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new IOException($"{program} failed (exit {process.ExitCode}): {Masked(stderr.Result.Trim())}");
    }

    private static string Find(string program)
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", program)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
        return installed ?? program;
    }

    /// <summary>pg_dump echoes the connection string in some errors; a password never reaches our output.</summary>
    private static string Masked(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]+@", "$1***@");
}
