using Ivr.Flows.Loading;

namespace Ivr.Flows.Validation;

/// <summary>Validation on its own, for the command line (<c>ivr validate</c>): every diagnostic, sorted by path, line and column.</summary>
public static class FlowValidator
{
    public static IReadOnlyList<Diagnostic> Validate(string flowsDirectory, string promptsDirectory, IReadOnlyCollection<string>? knownOperations = null) =>
        FlowSetLoader.Load(flowsDirectory, promptsDirectory, knownOperations).Diagnostics;

    /// <summary>True when <paramref name="diagnostics"/> hold no error (warnings allowed).</summary>
    public static bool IsValid(IEnumerable<Diagnostic> diagnostics) => diagnostics.All(d => d.Severity != Severity.Error);
}
