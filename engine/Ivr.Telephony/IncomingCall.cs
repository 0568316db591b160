namespace Ivr.Telephony;

/// <summary>Who called which number on which SIP dialog. <see cref="Caller"/> is in clear: mask it before logging.</summary>
/// <param name="CallId">The SIP Call-ID.</param>
/// <param name="Caller">The user part of From.</param>
/// <param name="Dialled">The user part of the request URI.</param>
/// <param name="Headers">The assist headers of the INVITE (<see cref="Ivr.Core.Channel.AssistHeaders"/>), usually none.</param>
/// <param name="Source">The address the INVITE came from (a proxy's, when it came through one); null when not known.</param>
public sealed record IncomingCall(string CallId, string Caller, string Dialled, IReadOnlyDictionary<string, string>? Headers = null,
    System.Net.IPAddress? Source = null);
