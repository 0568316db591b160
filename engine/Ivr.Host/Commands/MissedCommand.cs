using System.Text.Json;
using Ivr.Core.Calendar;
using Ivr.Core.Privacy;
using Ivr.Data.Callers;
using Ivr.Data.Security;
using Ivr.Flows.Loading;
using Ivr.Host.Hosting;

namespace Ivr.Host.Commands;

/// <summary><c>ivr missed</c>: the 回拨 list — caller numbers (masked) with missed calls to return (<see cref="MissedCallRule"/>).</summary>
public sealed class MissedCommand : CommandBase
{
    public override string Name => "missed";

    public override string Summary => "missed and abandoned calls to return, one row per caller number (masked)";

    public override string Usage => $"""
        usage: ivr missed [--days N] [--outcome O] [--json]

        Caller numbers whose calls were missed — the caller hung up waiting for an agent, during a transfer,
        or in the IVR before being served, or the call was lost — in the last N days, and that were neither
        served since nor marked called back in the console (回拨): masked number, missed calls, first and
        last, due date (the next working day, flows/calendar.yaml) and whether it is overdue, and the last
        callback mark (outcome, note, who, when; no_answer and rescheduled keep a number on the list, due the
        next working day after the mark). The row's id is its last missed call (ivr calls, the console's call detail).

          --days N         how far back (default 30)
          --outcome O      only rows last marked O: none (never marked), no_answer, rescheduled, or — numbers
                           taken off the list — resolved, invalid_number, other
          --json           one JSON document instead of a table
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "days", "outcome"];

    protected override IReadOnlyCollection<string> Switches => ["json"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var days = line.GetInt("days", 30, 1, 3660);
        var outcome = line.Get("outcome");
        if (outcome is not (null or "none") && !CallbackOutcomes.IsKnown(outcome))
        {
            Console.Error.WriteLine($"--outcome is none or one of {string.Join(", ", CallbackOutcomes.All)}");
            return 2;
        }

        var paths = IvrPaths.From(line);
        if (!paths.DatabaseMayExist)
        {
            Console.Error.WriteLine($"no database at {paths.Database}: start the server (ivr serve) or pass --data");
            return 1;
        }

        var flows = FlowSetLoader.Load(paths.Flows, paths.Prompts, KnownOperations.All).Set; // its calendar; the defaults (Monday to Friday) when the flows do not load
        var calendar = new ServingCalendar(() => flows);
        var now = TimeProvider.System.GetUtcNow();
        var today = ChinaTime.Today(TimeProvider.System);
        await using var connection = await paths.OpenDatabase().OpenConnectionAsync(cancellation);
        var closing = CallbackOutcomes.IsKnown(outcome) && !CallbackOutcomes.KeepsOnList(outcome!);
        var rows = (await new MissedCallRepository(connection).ListAsync(now.AddDays(-days), 100_000, closing, cancellation))
            .Where(r => outcome is null || (r.LastMark?.Outcome ?? "none") == outcome)
            .Select(r => (Row: r, Due: r.Open ? r.Due(calendar.CountWorkingDays) : (WorkingDayDate?)null))
            .Select(r => new MissedRow(r.Row.LastCallId, Mask.Phone(r.Row.Caller), r.Row.Count, r.Row.FirstMissedAt, r.Row.LastMissedAt, r.Due?.Date,
                r.Due?.BeyondCalendar == true, today > r.Due?.Date, r.Row.Open, r.Row.Attempts, r.Row.LastMark?.Outcome, r.Row.LastMark?.Note, r.Row.LastMark?.MarkedBy, r.Row.LastMark?.MarkedAt))
            .ToList();
        if (line.Has("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return 0;
        }

        foreach (var r in rows)
            Console.WriteLine($"{r.CallerMasked,-13} {r.MissedCalls,3} missed  last {ChinaTime.ToChina(r.LastMissedAt):yyyy-MM-dd HH:mm}  "
                + $"{(r.DueDate is { } due ? $"due {due:yyyy-MM-dd}" : "closed    ")}{(r.DueBeyondCalendar ? " BEYOND-CALENDAR" : "")}{(r.Overdue ? " OVERDUE" : "")}  {r.LastOutcome ?? "-"}  {r.Id}");
        Console.Error.WriteLine($"{rows.Count(r => r.Open)} caller numbers to call back ({rows.Count(r => r.Overdue)} overdue)");
        if (rows.Any(r => r.DueBeyondCalendar))
            Console.Error.WriteLine("BEYOND-CALENDAR: the due date was counted past the last year flows/calendar.yaml lists (weekends only there); check it once the calendar is extended");
        return 0;
    }

    private sealed record MissedRow(string Id, string CallerMasked, int MissedCalls, DateTimeOffset FirstMissedAt, DateTimeOffset LastMissedAt, DateOnly? DueDate, bool DueBeyondCalendar,
        bool Overdue, bool Open, int Attempts, string? LastOutcome, string? LastNote, string? LastMarkedBy, DateTimeOffset? LastMarkedAt);
}
