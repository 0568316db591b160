namespace Ivr.Flows.Loading.Yaml;

/// <summary>
/// YamlDotNet refuses a tag that is not a valid URI (<c>!!!x</c>, <c>!a b</c>) with an <see cref="ArgumentException"/>
/// from its parser, not a <c>YamlException</c>: every reader of YAML catches that too and says this instead.
/// </summary>
public static class YamlTagRefusal
{
    public const string Message = "a tag (a word starting with '!') must be a valid URI; put a text that starts with '!' in quotes";
}
