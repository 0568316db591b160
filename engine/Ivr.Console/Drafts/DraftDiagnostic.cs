namespace Ivr.OperationsConsole.Drafts;

/// <summary>One problem of a draft as the editor underlines it: <c>{"path","line","column","severity","message"}</c> (line 0: the whole file).</summary>
public sealed record DraftDiagnostic(string Path, int Line, int Column, string Severity, string Message);
