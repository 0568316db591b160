using Ivr.Host.Cli;

namespace Ivr.Host.Tests.Secrets;

/// <summary>Where the key file is named: --hash-key FILE, else $IVR_HASH_KEY_FILE, else none (DATA/secrets/hash-key).</summary>
public sealed class HashKeyOptionTests
{
    private const string Variable = "IVR_HASH_KEY_FILE";

    [Fact]
    public void TheOption_ThenTheEnvironment_ThenNone()
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, null);
            Assert.Null(Paths().HashKeyFile);

            Environment.SetEnvironmentVariable(Variable, "/etc/ivr/hash-key");
            Assert.Equal("/etc/ivr/hash-key", Paths().HashKeyFile);
            Assert.Equal("/srv/key", Paths("--hash-key", "/srv/key").HashKeyFile);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }

    private static IvrPaths Paths(params string[] args) => IvrPaths.From(CommandLine.Parse(args, IvrPaths.Options, []));
}
