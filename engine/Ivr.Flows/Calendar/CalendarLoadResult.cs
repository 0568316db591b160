using Ivr.Core.Calendar;

namespace Ivr.Flows.Calendar;

/// <summary>The calendar (null when the file has errors) and every problem found in it.</summary>
public sealed record CalendarLoadResult(ServiceCalendar? Calendar, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Calendar is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}
