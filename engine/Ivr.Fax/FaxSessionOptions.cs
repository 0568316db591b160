namespace Ivr.Fax;

/// <summary>How a T.30 terminal presents itself.</summary>
public sealed record FaxSessionOptions
{
    /// <summary>Error correction mode (T.30 Annex A): frames are resent instead of pages being spoiled. On by default.</summary>
    public bool ErrorCorrection { get; init; } = true;

    /// <summary>The local identity (TSI/CSI), at most 20 characters of digits, '+' and space.</summary>
    public string LocalIdent { get; init; } = "12333";
}
