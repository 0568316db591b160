namespace Ivr.Sip.Auth;

/// <summary>
/// A username and password for digest authentication (one trunk's account). The password never leaves this
/// object except into the digest computation: <see cref="ToString"/> shows the username only, so the
/// credentials can be logged by mistake without harm.
/// </summary>
public sealed class DigestCredentials
{
    public DigestCredentials(string username, string password)
    {
        if (string.IsNullOrEmpty(username))
        {
            throw new ArgumentException("a digest username is required", nameof(username));
        }

        Username = username;
        Password = password ?? throw new ArgumentNullException(nameof(password));
    }

    public string Username { get; }

    internal string Password { get; }

    public override string ToString() => $"{Username} (password hidden)";
}
