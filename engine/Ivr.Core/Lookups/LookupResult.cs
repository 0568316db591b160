namespace Ivr.Core.Lookups;

/// <summary>The outcome of a back-end operation: <see cref="Outcome"/> names the branch a lookup node
/// takes (<c>ok</c>, <c>not_found</c>, <c>error</c>, or an operation's own such as <c>locked</c>).</summary>
public sealed record LookupResult(string Outcome, IReadOnlyDictionary<string, string> Outputs)
{
    public const string Ok = "ok";
    public const string NotFound = "not_found";
    public const string Error = "error";
    public const string Timeout = "timeout";

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static LookupResult Success(IReadOnlyDictionary<string, string> outputs) => new(Ok, outputs);

    public static LookupResult Of(string outcome) => new(outcome, None);
}
