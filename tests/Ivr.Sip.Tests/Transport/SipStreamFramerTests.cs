using System.Text;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Tests.Transport;

public sealed class SipStreamFramerTests
{
    private const string First = "OPTIONS sip:a@b SIP/2.0\r\nl: 5\r\n\r\nhello";
    private const string Second = "BYE sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public void TryReadMessage_TwoMessagesInOneChunkWithKeepAlives_FramesBoth()
    {
        var framer = new SipStreamFramer();
        framer.Append(Encoding.ASCII.GetBytes("\r\n\r\n" + First + "\r\n" + Second));

        Assert.Equal(First, Encoding.ASCII.GetString(framer.TryReadMessage()!));
        Assert.Equal(Second, Encoding.ASCII.GetString(framer.TryReadMessage()!));
        Assert.Null(framer.TryReadMessage());
        Assert.Equal(0, framer.Buffered);
    }

    [Fact]
    public void TryReadMessage_ByteByByte_FramesWhenBodyComplete()
    {
        var framer = new SipStreamFramer();
        var bytes = Encoding.ASCII.GetBytes(First);
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            framer.Append(bytes.AsSpan(i, 1));
            Assert.Null(framer.TryReadMessage());
        }

        framer.Append(bytes.AsSpan(bytes.Length - 1));
        Assert.Equal(bytes, framer.TryReadMessage());
    }

    [Fact]
    public void TryReadMessage_NoContentLength_FramedWithoutBody()
    {
        var framer = new SipStreamFramer();
        framer.Append("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\nv=0"u8);

        Assert.Equal("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n", Encoding.ASCII.GetString(framer.TryReadMessage()!));
    }

    [Theory]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n", "Content-Length")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nl: 1\r\nl: 2\r\n\r\n", "Content-Length")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nl: 99999999\r\n\r\n", "exceeds")]
    public void TryReadMessage_UnframeableInput_SetsError(string text, string fragment)
    {
        var framer = new SipStreamFramer();
        framer.Append(Encoding.ASCII.GetBytes(text));

        Assert.Null(framer.TryReadMessage());
        Assert.Contains(fragment, framer.Error);
    }

    [Fact]
    public void TryReadMessage_EndlessHeaders_ErrorOnceOverLimit()
    {
        var framer = new SipStreamFramer(1024);
        framer.Append(new byte[1025].Select(_ => (byte)'a').ToArray());

        Assert.Null(framer.TryReadMessage());
        Assert.Contains("headers exceed", framer.Error);
    }
}
