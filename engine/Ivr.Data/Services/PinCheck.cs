using Ivr.Data.People;

namespace Ivr.Data.Services;

/// <summary>The result of checking an ID + PIN: the verified person, or the outcome to answer with
/// (<c>denied</c> with tries left, or <c>locked</c>).</summary>
internal sealed record PinCheck(Person? Person, string Outcome, int TriesLeft)
{
    public bool Verified => Person is not null;
}
