namespace Ivr.Data.Security;

/// <summary>A <c>pin_alarms</c> row as Dapper reads it (times as text); <see cref="ToAlarm"/> makes the record.</summary>
internal sealed class PinAlarmRow
{
    /// <summary>The columns, in the names of this class's properties.</summary>
    public const string Columns = """
        id, kind, origin_key AS OriginKey, caller_masked AS CallerMasked, source, raised_at AS RaisedAt,
        first_lock_at AS FirstLockAt, last_lock_at AS LastLockAt, ids_locked AS IdsLocked, last_call_id AS LastCallId,
        page_state AS PageState, page_tries AS PageTries, paged_at AS PagedAt,
        acknowledged_at AS AcknowledgedAt, acknowledged_by AS AcknowledgedBy, ack_comment AS AckComment
        """;

    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string OriginKey { get; set; } = "";
    public string? CallerMasked { get; set; }
    public string? Source { get; set; }
    public string RaisedAt { get; set; } = "";
    public string FirstLockAt { get; set; } = "";
    public string LastLockAt { get; set; } = "";
    public int IdsLocked { get; set; }
    public string LastCallId { get; set; } = "";
    public string PageState { get; set; } = "";
    public int PageTries { get; set; }
    public string? PagedAt { get; set; }
    public string? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AckComment { get; set; }

    public PinAlarm ToAlarm() => new(
        Id, Kind, OriginKey, CallerMasked, Source, DbTime.FromText(RaisedAt), DbTime.FromText(FirstLockAt), DbTime.FromText(LastLockAt),
        IdsLocked, LastCallId, PageState, PageTries, DbTime.FromNullableText(PagedAt),
        DbTime.FromNullableText(AcknowledgedAt), AcknowledgedBy, AckComment);
}
