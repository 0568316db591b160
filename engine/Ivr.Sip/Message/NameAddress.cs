using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// The value of From, To, Contact, Route and Record-Route (RFC 3261 §20.10, §25.1):
/// <c>[display-name] &lt;URI&gt; *(;param)</c> (name-addr) or a bare addr-spec whose
/// trailing <c>;params</c> belong to the header, not the URI.
/// </summary>
public sealed class NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null, IReadOnlyList<SipParameter>? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? [];
    }

    /// <summary>Display name without quotes or quoted-pair escapes; null when absent.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    public IReadOnlyList<SipParameter> Parameters { get; }

    /// <summary>The <c>tag</c> parameter of From/To (§19.3); null when absent.</summary>
    public string? Tag => GetParameter("tag");

    public static ParseResult<NameAddress> Parse(string text) => NameAddressParser.Parse(text);

    public string? GetParameter(string name) => SipParameterList.Find(Parameters, name)?.Value;

    public NameAddress WithParameter(string name, string? value) =>
        new(Uri, DisplayName, SipParameterList.With(Parameters, name, value));

    public NameAddress WithTag(string tag) => WithParameter("tag", tag);

    private string? _text;

    /// <summary>Always written in name-addr form, which is valid for every URI (kept: the type is immutable).</summary>
    public override string ToString() => _text ??= Write();

    private string Write()
    {
        if (string.IsNullOrEmpty(DisplayName) && Parameters.Count == 0)
        {
            return string.Concat("<", Uri.ToString(), ">");
        }

        var builder = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            builder.Append('"').Append(DisplayName.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\" ");
        }

        builder.Append('<').Append(Uri).Append('>').Append(SipParameterList.Format(Parameters));
        return builder.ToString();
    }
}
