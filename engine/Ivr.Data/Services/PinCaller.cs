namespace Ivr.Data.Services;

/// <summary>Where a PIN check comes from: the call, its caller number ("" when withheld) and the SIP source address
/// of the call (null when the lookup was not told it: replays, try-calls, calls through a listed proxy).</summary>
internal sealed record PinCaller(string CallId, string Number, string? Source = null)
{
    public static PinCaller From(IReadOnlyDictionary<string, string> inputs)
        => new(ServiceInputs.Get(inputs, ServiceInputs.CallId), ServiceInputs.Get(inputs, ServiceInputs.Caller),
            ServiceInputs.Get(inputs, ServiceInputs.Source) is { Length: > 0 } source ? source : null);
}
