namespace Ivr.Flows.Validation;

/// <summary>The order diagnostics are shown in: by path, line, column, then errors before warnings; exact repeats removed.</summary>
public static class DiagnosticOrder
{
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Distinct()
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Severity)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
}
