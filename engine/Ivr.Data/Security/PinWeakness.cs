namespace Ivr.Data.Security;

/// <summary>Why a new PIN is refused.</summary>
public enum PinWeakness
{
    None,
    NotSixDigits,
    AllSame,
    Sequence,
    BirthDate,
    IdDigits,
    SameAsOld,
}
