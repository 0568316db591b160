namespace Ivr.OperationsConsole.Prompts;

/// <summary>Reads an upload's body up to a limit: a declared or actual size beyond it is refused without reading the rest.</summary>
internal sealed record PromptUploadBody(byte[]? Bytes, string? Refusal)
{
    public static async Task<PromptUploadBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellation)
    {
        var tooBig = $"the upload is larger than {limit / 1024 / 1024} MiB, the most a prompt recording may be";
        if (request.ContentLength > limit) return new PromptUploadBody(null, tooBig);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > limit) return new PromptUploadBody(null, tooBig);
            buffer.Write(chunk, 0, read);
        }

        return new PromptUploadBody(buffer.ToArray(), null);
    }
}
