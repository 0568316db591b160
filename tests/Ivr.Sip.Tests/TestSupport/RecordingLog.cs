namespace Ivr.Sip.Tests.TestSupport;

/// <summary>An <see cref="ISipLog"/> that keeps its lines (thread-safe).</summary>
public sealed class RecordingLog : ISipLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_lines)
            {
                return _lines.Where(l => l.StartsWith("W ")).ToList();
            }
        }
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public void Info(string message)
    {
        lock (_lines)
        {
            _lines.Add("I " + message);
        }
    }

    public void Warning(string message)
    {
        lock (_lines)
        {
            _lines.Add("W " + message);
        }
    }
}
