using Ivr.Runtime.Replay;

namespace Ivr.Host.Hosting;

/// <summary>Runs replay script files one after the other on a runner, adding each call to the coverage; a script that does not read is a failure.</summary>
public static class ReplaySuite
{
    public static IReadOnlyList<ReplayResult> Run(ReplayRunner runner, FlowCoverage coverage, IEnumerable<string> files, Action<ReplayResult>? each = null,
        CancellationToken cancellation = default)
    {
        var results = new List<ReplayResult>();
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            ReplayResult result;
            try
            {
                result = runner.Run(ReplayScriptReader.Read(file));
            }
            catch (ReplayScriptException ex)
            {
                result = new ReplayResult(new ReplayScript { Path = file, Name = Path.GetFileNameWithoutExtension(file), Steps = [] }, ex.Message, [], null, TimeSpan.Zero);
            }

            results.Add(result);
            coverage.Add(result.Events);
            each?.Invoke(result);
        }

        return results;
    }
}
