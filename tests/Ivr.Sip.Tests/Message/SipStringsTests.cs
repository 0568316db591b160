using System.Text;
using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

/// <summary>Repeated short strings of messages are made once; any text still reads back as itself. A table of its own per
/// test: the process-wide one is shared with every test parsing messages in parallel (a flood among them).</summary>
public sealed class SipStringsTests
{
    [Fact]
    public void Of_SameTextTwice_TheSameString()
    {
        var table = new SipStringTable(slots: 256, longest: 24);
        var first = table.Of("branch".AsSpan());

        Assert.Same(first, table.Of("xbranch".AsSpan(1)));
        Assert.Equal("branch", first);
    }

    [Fact]
    public void Of_OneSlotManyTexts_EachReadsBackAsItself_LongOnesNotKept()
    {
        var table = new SipStringTable(slots: 1, longest: 24);
        for (var i = 0; i < 5000; i++)
        {
            var text = $"p{i % 7}";
            Assert.Equal(text, table.Of(text.AsSpan()));
        }

        var longText = new string('h', 100);
        Assert.Equal(longText, table.Of(longText.AsSpan()));
        Assert.NotSame(table.Of(longText.AsSpan()), table.Of(longText.AsSpan()));
        Assert.Same(string.Empty, table.Of([]));
    }

    [Fact]
    public void Of_FourTextsOfOneBucket_AllKeptAndHandedOutAgain_AFifthStillReadsBackAsItself()
    {
        // One bucket (4 slots): whatever the process's string hashes, these four share it, as two common strings of a
        // call may share one of the shared table's buckets.
        var table = new SipStringTable(slots: SipStringTable.Ways, longest: 24);
        string[] texts = ["RTP/AVP", "101", "20", "PCMU/8000"];
        var first = texts.Select(t => table.Of(t.AsSpan())).ToArray();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < texts.Length; i++) Assert.Same(first[i], table.Of(("x" + texts[i]).AsSpan(1)));
        }

        var fifth = table.Of("telephone-event".AsSpan()); // replaces one of the four
        Assert.Equal("telephone-event", fifth);
        Assert.Same(fifth, table.Of("telephone-event".AsSpan()));
        Assert.All(texts, t => Assert.Equal(t, table.Of(t.AsSpan())));
    }

    [Fact]
    public void ParsedMessages_ReadTheirNamesAndHostsAsWritten()
    {
        static ViaHeader Parse(string host, string branch) => Assert.IsType<SipRequest>(SipParser.Parse(Encoding.UTF8.GetBytes(
            $"OPTIONS sip:12333@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {host}:5070;branch={branch};rport\r\n" +
            "From: <sip:13800000000@127.0.0.1>;tag=a\r\nTo: <sip:12333@127.0.0.1>\r\nCall-ID: s\r\nCSeq: 1 OPTIONS\r\n\r\n")).Message).TopVia!;

        for (var i = 0; i < 300; i++)
        {
            var via = Parse($"10.0.{i / 256}.{i % 256}", $"z9hG4bK{i}");
            Assert.Equal($"10.0.{i / 256}.{i % 256}", via.Host);
            Assert.Equal($"z9hG4bK{i}", via.Branch);
            Assert.Equal("UDP", via.Transport);
            Assert.True(via.Parameters.Any(p => p.Name == "rport"));
        }
    }
}
