using Liwater.Bench.Baseline;
using Liwater.Bench.Baseline.Components;
using Microsoft.AspNetCore.SignalR;

// The baseline server: what Liwater's live path costs with nothing of Liwater in it. POST /commit inserts one row in
// its own SQLite transaction at Liwater's durability (WAL, synchronous = FULL), then broadcasts one "change" to every
// hub client and pushes the new count to every /counter circuit. /empty is a bare circuit for the memory baseline.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// Run from bin/ like Liwater in the harness: blazor.web.js is a static web asset (STACK-NOTES).
builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSignalR();
builder.Services.AddSingleton(new CommitLog(Environment.GetEnvironmentVariable("BASELINE_DB") ?? Path.Combine(Path.GetTempPath(), "liwater-baseline.db")));

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
// A same-origin static file with no circuit (the memory scenario opens its iframes from it, as from Liwater's app.css).
app.MapGet("/app.css", () => Results.Text("", "text/css"));
app.MapHub<BareHub>("/hubs/bare");
app.MapPost("/commit", async (CommitLog log, IHubContext<BareHub> hub) =>
{
    var change = await log.CommitAsync();
    await hub.Clients.All.SendAsync("change", change);
    return Results.Ok(change);
});
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
