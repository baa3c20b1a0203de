using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Liwater.Bench.Harness;
using Microsoft.Playwright;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 4: server memory per circuit by difference over 0 / 50 / 200 open circuits, for screen circuits
/// (/screen) and staff circuits (/cases signed in), each on a fresh app process with jobs off. Circuits are opened
/// as same-origin iframes, 50 per page, so that 200 circuits cost Chromium a few renderer processes, not 200; each
/// iframe runs its own blazor.web.js and circuit exactly as a page would. Memory is the process's resident set and
/// the managed heap after a full GC (dotnet-gcdump, which forces one), read after the circuits have settled.
/// </summary>
internal static partial class MemoryPerCircuit
{
    private const int PerPage = 50;

    public static async Task RunAsync(Paths paths, Browser browser, Report report, bool withBaseline = false)
    {
        var perCircuit = new Dictionary<string, double>();
        foreach (var (kind, path, staff) in new[] { ("screen", $"/screen?key={AppProcess.ScreenKey}", false), ("staff", "/cases", true) })
        {
            await using var app = await AppProcess.StartAsync(paths, $"memory-{kind}", paths.DemoDb, jobs: false);
            var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
            if (staff)
            {
                await SignInAsync(context);
            }

            var points = await MeasureAsync(paths, context, path, app.Pid, app.ResidentBytes, kind);
            var heapPer = Slope(points, p => p.Heap, 1, 2);
            perCircuit[kind] = heapPer;
            var goal = kind == "screen" ? "≤ 300 KB" : "≤ 1 MB";
            report.Add("4 memory", $"per {kind} circuit, managed heap after full GC (0→50 / 50→200)",
                string.Create(CultureInfo.InvariantCulture, $"{Slope(points, p => p.Heap, 0, 1):F0} / {heapPer:F0} KB"),
                goal, kind == "screen" ? heapPer <= 300 : heapPer <= 1024);
            report.Add("4 memory", $"per {kind} circuit, process resident set (0→50 / 50→200)",
                string.Create(CultureInfo.InvariantCulture, $"{Slope(points, p => p.Rss, 0, 1):F0} / {Slope(points, p => p.Rss, 1, 2):F0} KB"));
            await context.CloseAsync();
        }

        if (!withBaseline)
        {
            return;
        }

        await using (var bare = await BaselineProcess.StartAsync(paths, "memory-bare"))
        {
            var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = bare.BaseAddress.ToString(), Locale = "zh-CN" });
            var points = await MeasureAsync(paths, context, "/empty", bare.Pid, bare.ResidentBytes, "bare");
            perCircuit["bare"] = Slope(points, p => p.Heap, 1, 2);
            report.Add("4 memory", "baseline: per bare Blazor circuit (empty page), managed heap after full GC (0→50 / 50→200)",
                string.Create(CultureInfo.InvariantCulture, $"{Slope(points, p => p.Heap, 0, 1):F0} / {perCircuit["bare"]:F0} KB"));
            await context.CloseAsync();
        }

        Baselines.AddRatio(report, "4 memory", "screen circuit heap (50→200)", perCircuit["screen"], perCircuit["bare"], "KB");
        Baselines.AddRatio(report, "4 memory", "staff /cases circuit heap (50→200)", perCircuit["staff"], perCircuit["bare"], "KB", judged: false);
    }

    private static double Slope(List<(int Circuits, double Rss, double Heap)> points, Func<(int Circuits, double Rss, double Heap), double> value, int from, int to) =>
        (value(points[to]) - value(points[from])) / (points[to].Circuits - points[from].Circuits) / 1024;

    /// <summary>Memory of the server process at 0, 50 and 200 open circuits of <paramref name="path"/>.</summary>
    private static async Task<List<(int Circuits, double Rss, double Heap)>> MeasureAsync(Paths paths, IBrowserContext context, string path, int pid, Func<long> rss, string kind)
    {
        var pages = new List<IPage>();
        var points = new List<(int Circuits, double Rss, double Heap)>();
        foreach (var target in new[] { 0, 50, 200 })
        {
            while (pages.Count * PerPage < target)
            {
                pages.Add(await OpenFramesAsync(context, path, PerPage));
            }

            await Task.Delay(3000);
            var heap = await ManagedHeapAsync(paths, pid);
            var resident = rss();
            points.Add((target, resident, heap));
            Console.WriteLine($"    {kind}: {target} circuits, RSS {resident / 1048576.0:F1} MB, managed heap {heap / 1048576:F1} MB");
        }

        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        return points;
    }

    private static async Task SignInAsync(IBrowserContext context)
    {
        var login = await context.APIRequest.GetAsync("/login");
        var token = TokenPattern().Match(await login.TextAsync()).Groups[1].Value;
        var response = await context.APIRequest.PostAsync("/account/login", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData(),
            MaxRedirects = 0,
        }.WithForm(token));
        if (response.Status != 302)
        {
            throw new InvalidOperationException($"Staff sign-in failed: {response.Status}");
        }
    }

    private static APIRequestContextOptions WithForm(this APIRequestContextOptions options, string token)
    {
        options.Form!.Set("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token));
        options.Form.Set("Username", "admin");
        options.Form.Set("Password", AppProcess.AdminPassword);
        options.Form.Set("ReturnUrl", "/cases");
        return options;
    }

    /// <summary>A page on a static file of the app (same origin, no circuit of its own) holding N iframes of the path.</summary>
    private static async Task<IPage> OpenFramesAsync(IBrowserContext context, string path, int count)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/app.css");
        await page.EvaluateAsync(
            """
            ([path, count]) => {
              document.body.innerHTML = '';
              for (let i = 0; i < count; i++) {
                const f = document.createElement('iframe');
                f.width = 480; f.height = 270; f.src = path;
                document.body.appendChild(f);
              }
            }
            """, new object[] { path, count });
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('iframe')].every(f => f.contentDocument && f.contentDocument.querySelector('[data-interactive=\"true\"]'))",
            null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 250 });
        return page;
    }

    private static async Task<double> ManagedHeapAsync(Paths paths, int pid)
    {
        var heap = double.NaN;
        var tool = Path.Combine(paths.Tools, "dotnet-gcdump");
        if (File.Exists(tool))
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "report", "-p", pid.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(a);
            }

            using var gcdump = Process.Start(info)!;
            var output = await gcdump.StandardOutput.ReadToEndAsync();
            await gcdump.WaitForExitAsync();
            heap = ParseHeap(output);
        }

        return heap;
    }

    /// <summary>The heapstat report lists "size count type" per type and a total line; the total is the sum.</summary>
    private static double ParseHeap(string report)
    {
        var total = TotalPattern().Match(report);
        if (total.Success)
        {
            return double.Parse(total.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        return report.Split('\n').Select(l => RowPattern().Match(l)).Where(m => m.Success)
            .Sum(m => double.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"^\s*([\d,]+)\s+[\d,]+\s+\S")]
    private static partial Regex RowPattern();
}
