using System.Globalization;

namespace Ivr.Media.Dtmf;

/// <summary>
/// A key press carried in a SIP INFO request body. Two de-facto formats are read:
/// <c>application/dtmf-relay</c> (<c>Signal=5\r\nDuration=160</c>, duration in milliseconds) and
/// <c>application/dtmf</c> (the key alone, e.g. <c>5</c>). The signal may be a key (0–9, *, #, A–D)
/// or an RFC 4733 event code (10 = *, 11 = #, 12–15 = A–D), as some gateways send.
/// </summary>
public readonly record struct SipInfoDtmf(char Key, int? DurationMs)
{
    /// <summary>Parses an INFO body; on failure <paramref name="error"/> says why and the result is null.</summary>
    public static SipInfoDtmf? Parse(string? contentType, string? body, out string? error)
    {
        error = null;
        var type = (contentType ?? "").Split(';')[0].Trim();
        if (body is null || body.Trim().Length == 0)
        {
            error = "empty DTMF INFO body";
            return null;
        }

        if (type.Equals("application/dtmf", StringComparison.OrdinalIgnoreCase))
            return ParseSignal(body.Trim(), out var key, out error) ? new SipInfoDtmf(key, null) : null;

        if (!type.Equals("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            error = $"unsupported DTMF INFO content type '{type}'; expected application/dtmf-relay or application/dtmf";
            return null;
        }

        char? signal = null;
        int? duration = null;
        foreach (var rawLine in body.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            var equals = line.IndexOf('=');
            if (equals < 0)
            {
                error = $"dtmf-relay line without '=': '{line}'";
                return null;
            }

            var name = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                if (!ParseSignal(value, out var key, out error)) return null;
                signal = key;
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
                {
                    error = $"dtmf-relay Duration is not a number of milliseconds: '{value}'";
                    return null;
                }

                duration = ms;
            }
        }

        if (signal is null)
        {
            error = "dtmf-relay body has no Signal line";
            return null;
        }

        return new SipInfoDtmf(signal.Value, duration);
    }

    private static bool ParseSignal(string value, out char key, out string? error)
    {
        error = null;
        key = '\0';
        if (value.Length == 1 && DtmfKey.IsKey(value[0]))
        {
            key = char.ToUpperInvariant(value[0]);
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && DtmfKey.FromEvent(code) is char fromCode)
        {
            key = fromCode;
            return true;
        }

        error = $"DTMF signal '{value}' is not a key (0-9, *, #, A-D) or event code 0-15";
        return false;
    }
}
