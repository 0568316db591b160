using System.Text.Json;
using Ivr.Data;
using Ivr.Data.Calls;

namespace Ivr.Host.Commands;

public sealed class CallsCommand : CommandBase
{
    public override string Name => "calls";

    public override string Summary => "list recent calls (caller masked) with their path of nodes";

    public override string Usage => $"""
        usage: ivr calls [--last N] [--json]

        Recent calls from the database, newest first: id, caller (masked), dialled number, start,
        end, disposition, flow version and the path of nodes.

          --last N         how many (default 20)
          --json           one JSON document instead of a table
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "last"];

    protected override IReadOnlyCollection<string> Switches => ["json"];

    protected override Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var count = line.GetInt("last", 20, 1, 100_000);
        var paths = IvrPaths.From(line);
        if (!paths.DatabaseMayExist)
        {
            Console.Error.WriteLine($"no database at {paths.Database}: start the server (ivr serve) or pass --data");
            return Task.FromResult(1);
        }

        var calls = new SqliteCallHistory(paths.OpenDatabase()).Recent(count);
        if (line.Has("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(calls, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return Task.FromResult(0);
        }

        foreach (var call in calls)
        {
            Console.WriteLine($"{call.CallId}  {call.CallerMasked,-13} {call.Dialled,-6} {call.StartedAt:yyyy-MM-dd HH:mm:ss}  {call.EndedAt?.ToString("HH:mm:ss") ?? "(live)",-8}  {call.Disposition ?? "-",-12} {call.FlowVersion}");
            Console.WriteLine($"    {string.Join(" > ", call.Path)}");
        }

        Console.Error.WriteLine($"{calls.Count} calls");
        return Task.FromResult(0);
    }
}
