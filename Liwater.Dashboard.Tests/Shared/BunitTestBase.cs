using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>bUnit with MudBlazor ready (loose JS interop, no transitions) and the real zh-CN resources.</summary>
public abstract class BunitTestBase : BunitContext
{
    protected BunitTestBase()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System);

        // WaitFor… gives up after 1 s by default. On PostgreSQL a component's reads are truly asynchronous (the first
        // one opens the connection pool), and on a loaded machine that takes seconds; a wait only ends early on success.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
    }

    /// <summary>Renders a component inside the MudBlazor providers that popovers and dialogs need.</summary>
    protected void AddMudProviders() => Render<MudPopoverProvider>();
}
