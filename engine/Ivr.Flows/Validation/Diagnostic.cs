namespace Ivr.Flows.Validation;

/// <summary>
/// One problem found in an editor's files, printed as <c>PATH:LINE:COL: error|warning: message</c>.
/// Lines and columns are 1-based; 0 means the whole file. The message names the fix.
/// </summary>
public sealed record Diagnostic(string Path, int Line, int Column, Severity Severity, string Message)
{
    public static Diagnostic Error(SourceLocation at, string message) => new(at.Path, at.Line, at.Column, Severity.Error, message);

    public static Diagnostic Warning(SourceLocation at, string message) => new(at.Path, at.Line, at.Column, Severity.Warning, message);

    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}
