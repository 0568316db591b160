using System.Text.Json;
using Ivr.Data;
using Ivr.Data.Fax;

namespace Ivr.Host.Commands;

/// <summary><c>ivr fax list</c>: scheduled fax jobs, newest first, numbers masked.</summary>
public sealed class FaxListVerb : IFaxVerb
{
    public string Name => "list";

    public string Summary => "scheduled fax jobs, newest first (numbers masked)";

    public string Usage => $"""
        ivr fax list [--status S] [--last N] [--json]
          --status S       only jobs in this state: {string.Join(", ", FaxJobStatusText.All)}
          --last N         how many (default 50)
          --json           one JSON document instead of a table
        """;

    public IReadOnlyCollection<string> ValuedOptions => ["status", "last"];

    public IReadOnlyCollection<string> Switches => ["json"];

    public async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        FaxJobStatus? status = null;
        if (line.Get("status") is { } text)
            status = FaxJobStatusText.TryParse(text, out var s) ? s : throw new UsageException($"--status must be one of {string.Join(", ", FaxJobStatusText.All)}, not '{text}'");
        var count = line.GetInt("last", 50, 1, 100_000);
        var paths = IvrPaths.From(line);
        if (!paths.DatabaseMayExist)
        {
            Console.Error.WriteLine($"no database at {paths.Database}: start the server (ivr serve) or pass --data");
            return 1;
        }

        await using var connection = await paths.OpenDatabase().OpenConnectionAsync(cancellation);
        var jobs = await new FaxJobRepository(connection).ListAsync(status, count, cancellation);
        if (line.Has("json"))
        {
            var shown = jobs.Select(j => new
            {
                j.Id, j.CallId, j.DocumentId, Number = j.NumberMasked, j.DueAt, Status = FaxJobStatusText.ToText(j.Status), j.Attempts, j.MaxAttempts,
                j.LastOutcome, j.PagesSent, j.PagesTotal, j.ResultCode, j.Detail, j.CreatedAt, j.UpdatedAt,
            });
            Console.WriteLine(JsonSerializer.Serialize(shown, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return 0;
        }

        Console.WriteLine($"{"id",-6} {"status",-10} {"document",-20} {"number",-13} {"due (China time)",-16}  {"tries",-5} {"pages",-5} {"last outcome",-14} call");
        foreach (var job in jobs)
        {
            Console.WriteLine($"{job.Id,-6} {FaxJobStatusText.ToText(job.Status),-10} {job.DocumentId,-20} {job.NumberMasked,-13} {job.DueAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}  "
                + $"{job.Attempts}/{job.MaxAttempts,-3} {job.PagesSent}/{job.PagesTotal,-3} {job.LastOutcome ?? "-",-14} {job.CallId}");
        }

        Console.Error.WriteLine($"{jobs.Count} jobs");
        return 0;
    }
}
