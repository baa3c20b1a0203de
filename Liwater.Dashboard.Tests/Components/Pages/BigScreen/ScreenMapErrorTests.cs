using Bunit;
using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>
/// A configured map file that is missing or unreadable: the shared snapshot carries the reason as a code, and each wall
/// words it in its own language under the schematic.
/// </summary>
public sealed class ScreenMapErrorTests : BunitTestBase, IClassFixture<DemoDatabase>
{
    private static readonly string MissingMap = Path.Combine(Path.GetTempPath(), $"liwater-no-map-{Guid.NewGuid():N}.geojson");

    public ScreenMapErrorTests(DemoDatabase demo)
    {
        Services.AddLivePages(demo.Db);
        Services.Configure<ScreenOptions>(o => o.GeoJsonPath = MissingMap);
        AddAuthorization().SetAuthorized("wall-watcher");
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }

    [Theory]
    [InlineData("zh-CN", "地图文件不存在：")]
    [InlineData("en", "The map file does not exist: ")]
    public void Render_MapFileMissing_SaysSoInTheScreensLanguage(string culture, string prefix)
    {
        using var scope = new CultureScope(culture);

        var screen = Render<Screen>();

        screen.WaitForAssertion(() => Assert.Equal(prefix + Path.GetFullPath(MissingMap), screen.Find(".map-error").TextContent));
    }

    [Theory]
    [InlineData("zh-CN", "地图文件无法读取（town.geojson）：")]
    [InlineData("en", "The map file cannot be read (town.geojson): ")]
    public void Text_MapFileNotJson_NamesTheFileInTheScreensLanguage(string culture, string prefix)
    {
        var folder = Directory.CreateTempSubdirectory("liwater-map-");
        try
        {
            var file = Path.Combine(folder.FullName, "town.geojson");
            File.WriteAllText(file, "not a map");
            using var scope = new CultureScope(culture);

            var (map, error) = ScreenMapSource.Parse(file);

            Assert.Null(map);
            Assert.Equal(GeoMapError.Unreadable, error!.Key);
            Assert.StartsWith(prefix, error.Text(Services.GetRequiredService<IStringLocalizer<ScreenText>>()), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
