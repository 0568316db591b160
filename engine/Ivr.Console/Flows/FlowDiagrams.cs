using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Flows.Graph;
using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Flows;

/// <summary>Flow diagrams as SVG through Graphviz <c>dot</c>, cached per flow-set version and flow.</summary>
internal sealed class FlowDiagrams
{
    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<(string Version, string Flow), string> _svg = new();

    /// <returns>The SVG, or null when Graphviz is not installed or failed.</returns>
    public async Task<string?> SvgAsync(string version, Flow flow, CancellationToken cancellation)
    {
        if (_svg.TryGetValue((version, flow.Name), out var cached)) return cached;
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("dot", ["-Tsvg"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            limit.CancelAfter(RenderLimit);
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(limit.Token);
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                await process.StandardInput.WriteAsync(FlowGraph.ToDot(flow).AsMemory(), limit.Token);
                process.StandardInput.Close();
                var svg = await output;
                await errors;
                await process.WaitForExitAsync(limit.Token);
                if (process.ExitCode != 0) return null;
                _svg[(version, flow.Name)] = svg;
                return svg;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }
}
