namespace Liwater.Dashboard.Extensions;

/// <summary>
/// Demo secrets (screen keys, the first administrator's password) start with <c>demo-</c> so that they are labelled
/// wherever they appear; every environment but Development refuses to start with one (decision 0102).
/// </summary>
public static class DemoSecrets
{
    public const string Prefix = "demo-";

    /// <summary>The configuration keys that hold secrets.</summary>
    public static readonly string[] SecretKeys =
        ["Liwater:Screen:Keys", "Liwater:Admin:InitialPassword", "Liwater:Notifications:Email:Password", "Liwater:Notifications:Webhook:Secret"];

    public static bool IsDemo(string? value) => value?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true;

    public static IEnumerable<string> FindOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            yield break;
        }

        foreach (var key in SecretKeys)
        {
            var section = configuration.GetSection(key);
            var values = section.GetChildren().Any() ? section.GetChildren().Select(c => c.Value) : [section.Value];
            if (values.Any(IsDemo))
            {
                yield return $"{key} holds a demo value (starting with '{Prefix}') in the {environment.EnvironmentName} environment; demo secrets are for Development only. Set a real secret through an environment variable, e.g. {key.Replace(":", "__", StringComparison.Ordinal)}{(section.GetChildren().Any() ? "__0" : "")}.";
            }
        }
    }
}
