using System.Data.Common;
using System.Text.Json.Serialization;

namespace Ivr.Data.Spool;

/// <summary>
/// What a call leaves for agents — a voice message, a follow-up, a survey answer — that the database could not take
/// when it was made. Each kind knows how to write itself and whether it was written before (so a spool flushed twice,
/// or a node stopped between the insert and the file's removal, never writes it twice).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SpooledVoiceMessage), "voice_message")]
[JsonDerivedType(typeof(SpooledFollowUp), "follow_up")]
[JsonDerivedType(typeof(SpooledSurvey), "survey")]
public abstract record SpooledRequest(string CallId, DateTimeOffset CreatedAt)
{
    /// <summary>Writes it (in one transaction when it is more than one row).</summary>
    public abstract Task WriteAsync(DbConnection connection, CancellationToken cancellation);

    /// <summary>Whether it is in the database already.</summary>
    public abstract Task<bool> IsWrittenAsync(DbConnection connection, CancellationToken cancellation);

    /// <summary>How the log names it (never a phone number).</summary>
    public abstract string Describe();
}
