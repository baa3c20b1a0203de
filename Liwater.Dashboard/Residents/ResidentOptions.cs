namespace Liwater.Dashboard.Residents;

/// <summary>Settings under <c>Liwater:Residents</c>: the QR channel's public address and its abuse limits.</summary>
public sealed class ResidentOptions
{
    public const string Section = "Liwater:Residents";

    /// <summary>
    /// Gets or sets the public address printed in the QR codes, e.g. https://lishui.example.cn. Empty means the address
    /// the sheet was opened at. Set it so printed codes keep working when the server moves.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Gets or sets how many reports one client (IP address) may file per window. Defaults to 5.</summary>
    public int ReportsPerClient { get; set; } = 5;

    /// <summary>Gets or sets how many reports one building's code may receive per window. Defaults to 30.</summary>
    public int ReportsPerBuilding { get; set; } = 30;

    /// <summary>Gets or sets the rate-limit window in minutes. Defaults to 60.</summary>
    public double WindowMinutes { get; set; } = 60;

    /// <summary>The address a code or link is built on: the configured one, else the request's own.</summary>
    public string BaseUrl(HttpRequest request) =>
        (string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl).TrimEnd('/');
}
