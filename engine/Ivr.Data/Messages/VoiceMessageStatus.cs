namespace Ivr.Data.Messages;

/// <summary>Where a voice message's callback stands; stored as <c>new</c> / <c>assigned</c> / <c>called_back</c>.</summary>
public enum VoiceMessageStatus
{
    New,
    Assigned,
    CalledBack,
}
