using Ivr.Sip.Message;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Tests.Calls;

public sealed class CallAddressingTests
{
    [Theory]
    [InlineData("sip:12333@10.0.0.1", "12333")]
    [InlineData("sip:12333;phone-context=example.org@10.0.0.1;user=phone", "12333")]
    [InlineData("sip:+86-10-1233-3@gw.example.org", "+861012333")]
    [InlineData("sip:alice.smith@example.org", "alice.smith")]
    [InlineData("sip:10.0.0.1", null)]
    public void UserOf_Uri_UserPartWithoutParametersOrSeparators(string uri, string? expected)
    {
        var parsed = SipUri.Parse(uri);
        Assert.True(parsed.IsSuccess, parsed.Error);

        Assert.Equal(expected, CallAddressing.UserOf(parsed.Value!));
    }

    [Theory]
    [InlineData("abc-123@10.0.0.1", "abc-123_10.0.0.1")]
    [InlineData("../../etc/passwd", "_.._etc_passwd")]
    [InlineData("...", "call")]
    public void SafeName_CallId_OnlySafeCharacters(string callId, string expected) =>
        Assert.Equal(expected, RecordingFiles.SafeName(callId));
}
