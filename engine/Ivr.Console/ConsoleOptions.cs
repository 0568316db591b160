using System.Net;
using Ivr.Data.Accounts;

namespace Ivr.OperationsConsole;

/// <summary>How the console listens and how strict its sessions are; defaults are production's.</summary>
public sealed record ConsoleOptions
{
    public const int DefaultPort = 8080;

    /// <summary>127.0.0.1 unless the operator opens it up.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>0 lets the system pick a free port (<see cref="ConsoleHost.Address"/> tells which).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The pages; default <c>wwwroot</c> beside the assembly, or <c>$IVR_CONSOLE_WWWROOT</c>.</summary>
    public string? WebRoot { get; init; }

    /// <summary>Where voice-message recordings are (their stored names are relative to it).</summary>
    public required string RecordingsDirectory { get; init; }

    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan SessionAbsoluteTimeout { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords allowed per user name and per client address within <see cref="SignInWindow"/>.</summary>
    public int SignInAttempts { get; init; } = 5;

    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromMinutes(15);

    public PasswordHasher Passwords { get; init; } = PasswordHasher.Production;

    /// <summary>Created at start when the database has no user yet (from IVR_ADMIN_USER / IVR_ADMIN_PASSWORD).</summary>
    public (string Name, string Password)? InitialAdmin { get; init; }

    /// <summary>Server-Sent Events keep-alive comment interval of <c>/api/live/stream</c>.</summary>
    public TimeSpan LiveStreamPing { get; init; } = TimeSpan.FromSeconds(15);
}
