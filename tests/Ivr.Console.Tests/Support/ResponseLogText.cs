namespace Ivr.OperationsConsole.Tests.Support;

internal static class ResponseLogText
{
    /// <summary>Every body received so far, as one text.</summary>
    public static string BodiesAsText(this ResponseLog log) => string.Join("\n", log.Bodies.Select(b => b.Body));
}
