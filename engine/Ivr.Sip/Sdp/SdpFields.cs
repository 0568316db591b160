using Ivr.Sip.Message;

namespace Ivr.Sip.Sdp;

/// <summary>
/// An SDP value's space-separated fields (runs of spaces are one separator), each from <see cref="SipStrings"/>: the
/// tokens every offer repeats (<c>IN</c>, <c>IP4</c>, <c>audio</c>, <c>RTP/AVP</c>, payload types, <c>rtpmap</c>,
/// <c>0 PCMU/8000</c>…) are one string each in the process instead of a score of strings kept by every held call
/// (issue 13: a call keeps its peer's offer for its whole length).
/// </summary>
internal static class SdpFields
{
    public static string[] Split(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var range in value.Split(' '))
        {
            if (!value[range].IsEmpty) count++;
        }

        var fields = new string[count];
        var i = 0;
        foreach (var range in value.Split(' '))
        {
            if (!value[range].IsEmpty) fields[i++] = SipStrings.Of(value[range]);
        }

        return fields;
    }
}
