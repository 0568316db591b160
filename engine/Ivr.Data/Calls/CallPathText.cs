namespace Ivr.Data.Calls;

/// <summary>
/// A call's path as <c>calls.path</c> stores it and the CSV export writes it: the nodes entered, in order, separated
/// by single spaces (node ids are flow-qualified identifiers and hold no space); empty when the call entered none.
/// </summary>
public static class CallPathText
{
    public static string Join(IReadOnlyList<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return string.Join(' ', nodes);
    }

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? [] : text.Split(' ');
    }
}
