using Ivr.Fax;
using Ivr.Fax.Tests.Support;

namespace Ivr.Telephony.Tests.Fax;

/// <summary>What a received fax must look like: the source's page count and size, and its image within 1 %.</summary>
public static class ReceivedFax
{
    public static void AssertMatches(string sourcePath, string receivedPath)
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
            Assert.True(sent[i].BlackPixels > 5_000, "the source page is blank");
            Assert.InRange(sent[i].DifferenceFrom(got[i]), 0, 0.01);
        }
    }
}
