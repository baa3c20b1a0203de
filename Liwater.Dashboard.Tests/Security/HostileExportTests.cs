using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>Hostile text in the case export: a title that looks like a spreadsheet formula is written as text.</summary>
[Collection(AppCollection.Name)]
public sealed class HostileExportTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    [Fact]
    public async Task CaseExport_FormulaLookingTitles_WrittenAsTextCellsNotFormulas()
    {
        var marker = "公式" + Guid.NewGuid().ToString("N")[..8];
        string[] formulas = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,1)", "=HYPERLINK(\"http://evil.example\")"];
        foreach (var formula in formulas)
        {
            var created = await fixture.Commands.CreateAsync(fixture.Town, new Liwater.Data.Cases.NewCase
            {
                CompoundId = fixture.CompoundA.Id, Category = "public_facilities", Title = formula + " " + marker, Description = "x", SourceChannel = "hotline", Level = "compound",
            });
            Assert.True(created.Succeeded);
        }

        using var town = await fixture.SignInAsync("t-town");
        using var start = await town.Client.PostAsync("/reports/exports", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = town.Token, ["Text"] = marker }));
        start.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        HttpResponseMessage file;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((file = await town.Client.GetAsync($"/reports/exports/{id}")).StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline)
        {
            file.Dispose();
            await Task.Delay(200);
        }

        using (file)
        {
            file.EnsureSuccessStatusCode();
            using var zip = new ZipArchive(await file.Content.ReadAsStreamAsync());
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            using var reader = new StreamReader(sheet.Open());
            var xml = await reader.ReadToEndAsync();
            var strings = zip.GetEntry("xl/sharedStrings.xml") is { } shared ? await new StreamReader(shared.Open()).ReadToEndAsync() : "";
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
            var text = WebUtility.HtmlDecode(xml + strings);
            foreach (var formula in formulas)
            {
                Assert.Contains(formula + " " + marker, text, StringComparison.Ordinal);
            }
        }
    }
}
