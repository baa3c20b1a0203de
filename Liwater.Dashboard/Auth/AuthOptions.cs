namespace Liwater.Dashboard.Auth;

/// <summary>Settings under <c>Liwater:Admin</c>: the first administrator and the lockout rule.</summary>
public sealed class AuthOptions
{
    public const string Section = "Liwater:Admin";

    /// <summary>Gets or sets the first administrator's password. Unset means a random one printed once at first run.</summary>
    public string? InitialPassword { get; set; }

    /// <summary>
    /// Gets or sets how many failed sign-ins for one name from one client hold that client back (only that client:
    /// others may still sign in with the name). Defaults to 5.
    /// </summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Gets or sets the window in which those failures count, and how long the client is held back. Defaults to 15 minutes.</summary>
    public double LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Gets or sets how many sign-in posts one client address may make per minute (ASP.NET Core's rate limiter; more
    /// answer 429). Defaults to 10.
    /// </summary>
    public int ClientAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Gets or sets how often an open page re-checks its account (deactivated, role changed, password reset), in
    /// seconds. Revocation reaches every open page within this interval. Between 1 and 10; defaults to 5.
    /// </summary>
    public double RevalidateSeconds { get; set; } = 5;

    /// <summary>Gets or sets the minimum password length for new and reset passwords. Defaults to 10.</summary>
    public int MinPasswordLength { get; set; } = 10;
}
