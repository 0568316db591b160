namespace Ivr.Core.Lookups;

/// <summary>
/// Named back-end operations a flow's <c>lookup</c> node calls (pension.summary, card.report_loss …).
/// The runtime enforces each node's time limit by cancelling <paramref name="cancellation"/>.
/// Inputs may hold secure values: implementations never log them.
/// </summary>
public interface ILookupService
{
    ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation);
}
