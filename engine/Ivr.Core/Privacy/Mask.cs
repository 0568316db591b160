namespace Ivr.Core.Privacy;

/// <summary>
/// Masks identifying numbers for logs, events, scripts and console views.
/// Resident IDs keep the 6-digit region and the last 4 characters (<c>110105********002X</c>);
/// phone numbers keep the first 3 and last 3 digits (<c>130*****273</c>), the hotline's own
/// display convention; anything else keeps nothing but its length.
/// </summary>
public static class Mask
{
    public static string ResidentId(string? id) => Keep(id, 6, 4);

    public static string Phone(string? number) => Keep(number, 3, 3);

    public static string Card(string? number) => Keep(number, 0, 4);

    /// <summary>Every character replaced: for PINs and other secrets, only the length shows.</summary>
    public static string Secret(string? value) => value is null ? "" : new string('*', value.Length);

    /// <summary>Keeps <paramref name="head"/> leading and <paramref name="tail"/> trailing characters.
    /// A value too short to keep both without revealing most of it is masked whole.</summary>
    public static string Keep(string? value, int head, int tail)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.Length <= head + tail + 2) return Secret(value);
        return string.Create(value.Length, (value, head, tail), static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = i < s.head || i >= s.value.Length - s.tail ? s.value[i] : '*';
        });
    }
}
