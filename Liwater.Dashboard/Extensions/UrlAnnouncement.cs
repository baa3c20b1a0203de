using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Liwater.Dashboard.Extensions;

public static class UrlAnnouncement
{
    /// <summary>Prints where to open Liwater once Kestrel listens, so the README run ends with a URL to click.</summary>
    public static void AnnounceUrls(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var url = address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal);
                Console.WriteLine($"Liwater is running: {url}/");
            }
        });
}
