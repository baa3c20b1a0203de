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
builder.Services.AddLiwaterField(builder.Configuration);
builder.Services.AddLiwaterNotifications(builder.Configuration);
builder.Services.AddLiwaterRateLimits(builder.Configuration);

builder.Services.AddLiwaterWebHygiene();

var app = builder.Build();
if (OptionsValidation.ValidateAll(app.Services) is { } badSettings)
{
    // Before anything reads a setting: one message naming every bad key, instead of the first one read.
    Console.Error.WriteLine($"Liwater cannot start: {badSettings}");
    return 1;
}

app.UseLiwaterWebHygiene();

app.UseRequestLocalization();
app.UseLiwaterAuth();
app.UseLiwaterRateLimits();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapCultureSwitch();
app.MapLiwaterLive();
app.MapLiwaterCluster();
app.MapLiwaterAuth();
app.MapLiwaterCases();
app.MapLiwaterReports();
app.MapLiwaterJobs();
app.MapLiwaterField();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.AnnounceUrls();

// Read before the run: a host that failed to start is disposed, and its services with it.
var stopping = app.Lifetime.ApplicationStopping;
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StartupException or Liwater.Data.Database.DatabaseStartupException || OptionsValidation.Describe(e) is not null)
{
    // One clear message naming the file or every bad key and the fix, instead of a stack trace.
    Console.Error.WriteLine($"Liwater cannot start: {OptionsValidation.Describe(e) ?? e.Message}");
    return 1;
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // Asked to stop (SIGTERM, Ctrl+C) before the start finished: an orderly stop, not a crash. Every write is one
    // transaction, so nothing is half-written; with no clean-stop record the next start checks the file.
    Console.Error.WriteLine("Liwater stopped before it finished starting.");
    return 0;
}

public partial class Program;
