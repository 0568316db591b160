using Ivr.Flows.Loading;

namespace Ivr.Flows.Validation;

/// <summary>The checks that need the whole linked set, run after loading and linking.</summary>
internal static class FlowSetValidator
{
    public static void Validate(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        ReachabilityCheck.Check(set, diagnostics);
        DeadEndCheck.Check(set, diagnostics);
        MenuKeyCheck.Check(set, diagnostics);
        LoopCheck.Check(set, diagnostics);
        SecureValueCheck.Check(set, diagnostics);
        VariableCheck.Check(set, diagnostics);
        ReferenceCheck.Check(set, diagnostics);
        SayAsFragmentCheck.Check(set, diagnostics);
        FaxDocumentCheck.Check(set, diagnostics);
        SwitchCheck.Check(set, diagnostics);
    }
}
