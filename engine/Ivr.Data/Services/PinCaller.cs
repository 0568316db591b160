namespace Ivr.Data.Services;

/// <summary>Where a PIN check comes from: the call and its caller number ("" when withheld).</summary>
internal sealed record PinCaller(string CallId, string Number)
{
    public static PinCaller From(IReadOnlyDictionary<string, string> inputs)
        => new(ServiceInputs.Get(inputs, ServiceInputs.CallId), ServiceInputs.Get(inputs, ServiceInputs.Caller));
}
