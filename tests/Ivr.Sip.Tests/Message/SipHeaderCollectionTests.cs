using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;

namespace Ivr.Sip.Tests.Message;

public sealed class SipHeaderCollectionTests
{
    [Fact]
    public void Add_CompactAndOddCase_StoredUnderCanonicalName()
    {
        var headers = new SipHeaderCollection();
        headers.Add("i", "a");
        headers.Add("cONTENT-tYPE", "application/sdp");
        headers.Add("X-Custom", "1");

        Assert.Equal(["Call-ID", "Content-Type", "X-Custom"], headers.Select(h => h.Name));
        Assert.Equal("1", headers.Get("x-custom"));
    }

    [Fact]
    public void Set_ReplacesAllKeepingFirstPosition()
    {
        var headers = new SipHeaderCollection();
        headers.Add("A", "1");
        headers.Add("Contact", "<sip:a@b>");
        headers.Add("B", "2");
        headers.Add("m", "<sip:c@d>");

        headers.Set("Contact", "*");

        Assert.Equal(["A", "Contact", "B"], headers.Select(h => h.Name));
        Assert.Equal(1, headers.CountOf("Contact"));
    }

    [Fact]
    public void GetValues_NonListHeader_NotSplitAtCommas()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Date", "Sat, 13 Nov 2010 23:29:00 GMT");
        headers.Add("Accept", "application/sdp, text/plain");

        Assert.Equal(["Sat, 13 Nov 2010 23:29:00 GMT"], headers.GetValues("Date"));
        Assert.Equal(["application/sdp", "text/plain"], headers.GetValues("Accept"));
    }

    [Fact]
    public void ResponseFactory_CopiesViasInOrderAndTagsTo()
    {
        var request = TestMessages.Request("OPTIONS", extraHeaders: ["Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-p"]);

        var response = SipResponseFactory.Create(request, 200, toTag: "abc");
        var trying = SipResponseFactory.Create(request, 100, toTag: "abc");

        Assert.Equal(request.Headers.GetValues("Via"), response.Headers.GetValues("Via"));
        Assert.Equal("abc", response.To!.Tag);
        Assert.Null(trying.To!.Tag);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal(request.CallId, response.CallId);
    }

    [Fact]
    public void Foreach_AndGetValuesOfAnAbsentHeader_AllocateNothing()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Via", "SIP/2.0/UDP a;branch=z9hG4bK1");
        headers.Add("Call-ID", "x");
        var names = 0;
        void Walk()
        {
            foreach (var header in headers) names += header.Name.Length;
            names += headers.GetValues("Route").Count;
        }

        Walk(); // warm (JIT)
        var before = GC.GetAllocatedBytesForCurrentThread();
        Walk();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(headers.GetValues("Record-Route"));
        Assert.Equal(["SIP/2.0/UDP a;branch=z9hG4bK1"], headers.GetValues("v"));
    }
}
