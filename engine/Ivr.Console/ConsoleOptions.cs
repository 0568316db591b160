using System.Net;

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

    /// <summary>Where voice-message recordings are (their stored names are relative to it, or to one of its node subfolders when nodes share it).</summary>
    public required string RecordingsDirectory { get; init; }

    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan SessionAbsoluteTimeout { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords per (user name, client address) within <see cref="SignInWindow"/> before each further try must wait.</summary>
    public int SignInAttempts { get; init; } = 5;

    /// <summary>The wait after the first wrong password beyond <see cref="SignInAttempts"/>; it doubles with each further one.</summary>
    public TimeSpan SignInFirstDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait one (user name, client address) pair is given.</summary>
    public TimeSpan SignInMaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords, for any user names, allowed per client address within <see cref="SignInWindow"/>.</summary>
    public int SignInAttemptsPerAddress { get; init; } = 30;

    /// <summary>How long a wrong password is remembered.</summary>
    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Refused requests per client address, reason and signed-in user logged one by one in a minute; the rest are counted in one summary row.</summary>
    public int RefusalsLoggedPerMinute { get; init; } = 5;

    public PasswordHasher Passwords { get; init; } = PasswordHasher.Production;

    /// <summary>Created at start when the database has no user yet (from IVR_ADMIN_USER / IVR_ADMIN_PASSWORD).</summary>
    public (string Name, string Password)? InitialAdmin { get; init; }

    /// <summary>Server-Sent Events keep-alive comment interval of <c>/api/live/stream</c>.</summary>
    public TimeSpan LiveStreamPing { get; init; } = TimeSpan.FromSeconds(15);
}
