namespace Ivr.Core.Lookups;

/// <summary>Answers every operation with <c>error</c>: what a flow meets when no back end is wired.</summary>
public sealed class UnknownOperationLookupService : ILookupService
{
    public static readonly UnknownOperationLookupService Instance = new();

    public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
        => ValueTask.FromResult(LookupResult.Of(LookupResult.Error));
}
