using Ivr.Core.Fax;

namespace Ivr.Fax.Tests;

public sealed class FaxOutcomesTests
{
    [Theory]
    [InlineData(0, 3, 3, FaxOutcome.Sent)]
    [InlineData(21, 1, 3, FaxOutcome.PartiallySent)]
    [InlineData(21, 0, 3, FaxOutcome.Failed)]
    [InlineData(49, 0, 3, FaxOutcome.Failed)]
    [InlineData(0, 2, 3, FaxOutcome.PartiallySent)] // T.30 ended well but a page is missing: not "sent"
    public void OfTransmission_MapsCodeAndPages(int code, int pagesSent, int pagesInDocument, FaxOutcome expected)
    {
        var result = FaxOutcomes.OfTransmission(new FaxSessionResult(code, "text", pagesSent, 0, pagesInDocument, true, 14400), pagesInDocument);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal((pagesSent, pagesInDocument, code), (result.PagesSent, result.PagesTotal, result.ResultCode));
        Assert.Contains($"{pagesSent}/{pagesInDocument} pages", result.Detail);
    }
}
