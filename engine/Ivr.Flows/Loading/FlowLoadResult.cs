namespace Ivr.Flows.Loading;

/// <summary>
/// A loaded, linked flow set, or null when any error was found (nothing is half-loaded); and every
/// diagnostic, sorted by path, line and column.
/// </summary>
public sealed record FlowLoadResult(FlowSet? Set, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);

    public bool Succeeded => Set is not null;
}
