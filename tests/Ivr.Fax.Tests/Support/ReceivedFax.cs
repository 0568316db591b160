namespace Ivr.Fax.Tests.Support;

/// <summary>What a received fax must look like: the source's page count and size, and its image within 1 %.
/// Shared by the in-memory loopback tests and the SIP end-to-end tests (linked into Ivr.Telephony.Tests).</summary>
public static class ReceivedFax
{
    /// <param name="minSourceBlackPixels">Below this a source page counts as blank (the comparison would prove nothing).</param>
    /// <param name="log">Where each page's pixel counts and difference are written, if anywhere.</param>
    public static void AssertMatches(string sourcePath, string receivedPath, int minSourceBlackPixels, Action<string>? log = null)
    {
        var source = TiffPages.Read(sourcePath);
        var received = TiffPages.Read(receivedPath);
        Assert.Equal(source.Count, received.Count);
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i].Width, received[i].Width);
            Assert.InRange(received[i].Length, source[i].Length - 8, source[i].Length + 8);
            Assert.InRange(received[i].YResolution, 190, 200);
        }

        var sent = TiffBitmap.ReadPages(sourcePath);
        var got = TiffBitmap.ReadPages(receivedPath);
        for (var i = 0; i < sent.Count; i++)
        {
            var difference = sent[i].DifferenceFrom(got[i]);
            log?.Invoke($"page {i + 1}: {sent[i].BlackPixels} black pixels sent, {got[i].BlackPixels} received, difference {difference:P3}");
            Assert.True(sent[i].BlackPixels > minSourceBlackPixels, "the source page is blank");
            Assert.InRange(difference, 0, 0.01);
        }
    }
}
