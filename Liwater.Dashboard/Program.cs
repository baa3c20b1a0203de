using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components;
using Liwater.Dashboard.Extensions;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args.Where(a => a != DemoAccounts.Switch).ToArray());
builder.AddLiwaterSettings();
if (args.Contains(DemoAccounts.Switch))
{
    builder.Configuration[DemoAccounts.Key] = "true";
}

builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddLiwaterLocalization();
builder.Services.AddLiwaterData(builder.Configuration);
builder.Services.AddLiwaterLive(builder.Configuration);
builder.Services.AddLiwaterCluster(builder.Configuration);
builder.Services.AddLiwaterAuth(builder.Configuration);
builder.Services.AddLiwaterCases(builder.Configuration);
builder.Services.AddLiwaterJobs(builder.Configuration);
builder.Services.AddLiwaterFeatures(builder.Configuration);
builder.Services.AddLiwaterReports(builder.Configuration);

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseRequestLocalization();
app.UseLiwaterAuth();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapCultureSwitch();
app.MapLiwaterLive();
app.MapLiwaterCluster();
app.MapLiwaterAuth();
app.MapLiwaterCases();
app.MapLiwaterReports();
app.MapLiwaterJobs();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.AnnounceUrls();
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StartupException or Liwater.Data.Database.DatabaseStartupException)
{
    // One clear message naming the file or key and the fix, instead of a stack trace.
    Console.Error.WriteLine($"Liwater cannot start: {e.Message}");
    return 1;
}

public partial class Program;
