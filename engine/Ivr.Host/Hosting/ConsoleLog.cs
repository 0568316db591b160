namespace Ivr.Host.Hosting;

/// <summary>Timestamped log lines on standard error. Callers pass text that is already privacy-safe.</summary>
public static class ConsoleLog
{
    private static readonly object Gate = new();

    public static void Write(string message)
    {
        lock (Gate) Console.Error.WriteLine($"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss.fff} {message}");
    }
}
