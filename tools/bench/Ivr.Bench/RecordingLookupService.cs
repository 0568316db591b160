using Ivr.Core.Lookups;
using Ivr.Runtime.Replay;

namespace Ivr.Bench;

/// <summary>Passes lookups to the real back end and keeps each answer, in order, as a replay stub.</summary>
internal sealed class RecordingLookupService(ILookupService inner) : ILookupService
{
    public Dictionary<string, List<LookupStub>> Answers { get; } = new(StringComparer.Ordinal);

    public async ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var result = await inner.ExecuteAsync(operation, inputs, cancellation);
        if (!Answers.TryGetValue(operation, out var list)) Answers[operation] = list = [];
        list.Add(new LookupStub(result.Outcome, result.Outputs, TimeSpan.Zero));
        return result;
    }
}
