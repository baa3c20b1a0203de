using Xunit.v3;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Marks a test whose subject is what a browser shows and does (layout at a size, screenshots, menus, banners, the
/// link to the server): its trait is <c>Layer=UI</c>. The rows behind such a page come from the same queries and
/// commands that the data and integration tests run on both engines, so test.sh runs UI tests in the SQLite pass only
/// and the PostgreSQL pass leaves them out (<c>--filter-not-trait Layer=UI</c>, decision 0128). A browser test that
/// checks a path whose plumbing differs by engine (a change reaching another screen through the change feed, a
/// save) is not marked.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class UiTestAttribute : Attribute, ITraitAttribute
{
    public const string Name = "Layer";
    public const string Value = "UI";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Name, Value)];
}
