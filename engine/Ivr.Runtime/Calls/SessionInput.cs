namespace Ivr.Runtime.Calls;

/// <summary>One event queued for a call's state machine; a small value so queuing allocates nothing.</summary>
internal readonly record struct SessionInput(SessionInputKind Kind, char Digit = '\0', int Id = 0, bool Flag = false, object? Payload = null);
