namespace Ivr.OperationsConsole.Faxes;

/// <summary>A fax job as the console lists it; the destination number masked.</summary>
public sealed record FaxJobView(long Id, string CallId, string Status, int Pages, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, string NumberMasked);
