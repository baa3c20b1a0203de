using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// The app's own endpoint table as the hostile sweep reads it (so a new endpoint, query parameter or form field
/// cannot escape the sweep): routes, the query parameters and form fields each one reads, and paths filled in.
/// </summary>
internal static partial class EndpointTable
{
    // Endpoints that read their form by hand (no [FromForm] parameter to reflect on) declare their fields here; a POST
    // endpoint that is neither reflected nor declared fails the test.
    private static readonly Dictionary<string, string[]> HandReadForms = new()
    {
        ["POST /r/{code}"] = ["category", "description", "name", "phone"],
        ["POST /t/{token}/confirm"] = ["verdict", "comment"],
        ["POST /account/logout"] = [],
        ["POST /compounds/{id:long}/qr"] = [],
        ["POST /compounds/{id:long}/qr/{buildingId:long}/revoke"] = [],
    };

    /// <summary>The routes the app maps (as the authorization matrix lists them), except static files and Blazor's and the hub's own.</summary>
    public static List<KeyValuePair<string, RouteEndpoint>> Routes(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith('_') && !System.IO.Path.HasExtension((e.RoutePattern.RawText ?? "").Split('/')[^1])
                && !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("hubs/", StringComparison.Ordinal) && !(e.RoutePattern.RawText ?? "").Contains("**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m is "GET" or "POST")
                .Select(m => KeyValuePair.Create($"{m} /{(e.RoutePattern.RawText ?? "").TrimStart('/')}", e)))
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Query parameters an endpoint reads: a minimal API's simple parameters that are not route values, a page's [SupplyParameterFromQuery] properties.</summary>
    public static IEnumerable<string> QueryNames(RouteEndpoint endpoint)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
        {
            return component.Type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(x => x.a is not null)
                .Select(x => x.a!.Name ?? x.p.Name);
        }

        return endpoint.Metadata.GetMetadata<MethodInfo>() is { } method
            ? method.GetParameters().Where(p => IsSimple(p.ParameterType) && !routeNames.Contains(p.Name!) && p.GetCustomAttribute<FromFormAttribute>() is null).Select(p => p.Name!)
            : [];
    }

    /// <summary>A POST endpoint's form fields: the properties of its [FromForm] parameter, or the fields declared for a hand-read form.</summary>
    public static IReadOnlyList<string> FormFields(string route, RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            return []; // a page's own form-post route: it takes Blazor's enhanced forms, the junk post covers it
        }

        var method = endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new InvalidOperationException($"{route}: no handler to reflect on");
        var fromForm = method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<FromFormAttribute>() is not null);
        if (fromForm is not null)
        {
            return fromForm.ParameterType.GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToList();
        }

        return HandReadForms.TryGetValue(route, out var declared)
            ? declared
            : throw new InvalidOperationException($"{route} reads its form by hand: declare its fields in HandReadForms so the sweep covers them");
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(decimal);
    }

    public static string Path(string pattern, Dictionary<string, string> values) =>
        RouteParameter().Replace(pattern, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "1");

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
