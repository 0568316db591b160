namespace Ivr.OperationsConsole.Drafts;

/// <summary>One replay script: its path relative to the replay folder and, when it failed, the first difference.</summary>
public sealed record ReplayScriptOutcome(string Script, bool Passed, string? Failure);
