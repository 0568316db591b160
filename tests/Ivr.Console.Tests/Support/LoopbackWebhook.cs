using System.Net;
using Ivr.Tests.Shared;

namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>A webhook receiver on loopback for the pagers' tests: an <see cref="HttpListener"/> started on a free port.</summary>
public static class LoopbackWebhook
{
    /// <summary>Starts <paramref name="receiver"/> on <c>http://127.0.0.1:PORT/hooks/12333/</c> and returns that URL.</summary>
    public static Uri Start(HttpListener receiver)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.One()}/hooks/12333/");
        receiver.Prefixes.Add(url.ToString());
        receiver.Start();
        return url;
    }
}
