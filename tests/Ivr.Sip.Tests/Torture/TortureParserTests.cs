using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Torture;

/// <summary>RFC 4475 messages through the parser and validator, driven by Torture/expectations.tsv.</summary>
public sealed class TortureParserTests
{
    [Fact]
    public void Expectations_CoverEveryDataFile_OneRowEach()
    {
        var files = TortureCase.DataFiles.Order().ToList();
        Assert.Equal(49, files.Count);
        Assert.Equal(files, TortureCase.All.Select(c => c.File).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(TortureCase.Names), MemberType = typeof(TortureCase))]
    public void Parse_TortureMessage_MatchesRfc4475Expectation(string file)
    {
        var expected = TortureCase.Get(file);

        var result = SipParser.Parse(expected.Bytes, SipParseOptions.Datagram);
        var validation = result.Message is null ? (SipValidationResult?)null : SipMessageValidator.Validate(result.Message);

        if (expected.Syntax == "valid")
        {
            Assert.True(result.IsSuccess, $"{file}: {result.Error}");
            Assert.True(validation!.Value.IsValid, $"{file}: {validation.Value.Reason}");
            AssertRoundTrip(result.Message!);
        }
        else
        {
            Assert.Equal("reject", expected.Syntax);
            var rejected = !result.IsSuccess || !validation!.Value.IsValid;
            Assert.True(rejected, $"{file} should be rejected");
            Assert.False(string.IsNullOrWhiteSpace(result.Error ?? validation!.Value.Reason));
        }
    }

    [Theory]
    [MemberData(nameof(TortureCase.Names), MemberType = typeof(TortureCase))]
    public void Parse_TortureMessageAsStream_NeverThrows(string file)
    {
        var bytes = TortureCase.Get(file).Bytes;
        for (var length = 0; length <= bytes.Length; length += 7)
        {
            var result = SipParser.Parse(bytes.AsSpan(0, length), SipParseOptions.Stream);
            Assert.True(result.IsSuccess || result.Error is not null);
        }
    }

    private static void AssertRoundTrip(SipMessage original)
    {
        var again = SipParser.Parse(SipSerializer.Serialize(original), SipParseOptions.Stream);
        Assert.True(again.IsSuccess, again.Error);
        var copy = again.Message!;
        Assert.Equal(original.ToString(), copy.ToString());
        Assert.Equal(original.CallId, copy.CallId);
        Assert.Equal(original.CSeq, copy.CSeq);
        Assert.Equal(original.From!.Tag, copy.From!.Tag);
        Assert.Equal(original.From.Uri.ToString(), copy.From.Uri.ToString());
        Assert.Equal(original.To!.Tag, copy.To!.Tag);
        Assert.Equal(original.Headers.GetValues(SipHeaderNames.Via).Count, copy.Headers.GetValues(SipHeaderNames.Via).Count);
        Assert.Equal(original.TopVia?.Branch, copy.TopVia?.Branch);
        Assert.Equal(original.Body, copy.Body);
    }
}
