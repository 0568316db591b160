using Ivr.Host.Secrets;

namespace Ivr.Host.Commands;

/// <summary><c>ivr secrets create-hash-key FILE</c>: a new key file for a cluster's nodes (<see cref="HashKeyFile"/>).</summary>
public sealed class SecretsCommand : CommandBase
{
    public override string Name => "secrets";

    public override string Summary => "secrets: 'secrets create-hash-key FILE', the key every node of one database hashes IDs and caller numbers with";

    public override string Usage => """
        usage: ivr secrets create-hash-key FILE

        create-hash-key  writes 32 random bytes to FILE, readable by its owner only (0600; a new folder 0700), and never
                         over an existing file. Give every node of one database a copy: ivr serve --hash-key FILE (or
                         $IVR_HASH_KEY_FILE). A single node needs none: it makes DATA/secrets/hash-key at first start.
                         The database remembers the first key's check value and refuses a node started with another.
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [];

    protected override Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        if (line.Positional is not ["create-hash-key", var file]) throw new UsageException("say 'create-hash-key FILE'");
        try
        {
            HashKeyFile.Create(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ivr secrets: {ex.Message}");
            return Task.FromResult(1);
        }

        Console.WriteLine($"{file}: a new hash key (owner only); copy it to every node and start each with --hash-key {file}");
        return Task.FromResult(0);
    }
}
