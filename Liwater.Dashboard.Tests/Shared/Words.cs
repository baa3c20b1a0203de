using System.Globalization;
using Liwater.Dashboard.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>Words a data-layer <see cref="DataError"/> with the app's real resources, as a page in that language would.</summary>
public static class Words
{
    private static readonly IStringLocalizer<DataErrorText> Localizer = new StringLocalizer<DataErrorText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    public static string Zh(DataError? error) => In("zh-CN", error);

    public static string En(DataError? error) => In("en", error);

    /// <summary>A change-log summary as the UI shows it in <paramref name="culture"/> (coded ones worded, others as stored).</summary>
    public static string? Summary(string culture, string? summary)
    {
        var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return Localizer.Summary(summary);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, c);
        }
    }

    /// <summary>A stored actor name as the UI shows it in <paramref name="culture"/>.</summary>
    public static string Actor(string culture, string actor, long? userId)
    {
        var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return Localizer.Actor(actor, userId);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, c);
        }
    }

    private static string In(string culture, DataError? error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return Localizer.Text(error);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, c);
        }
    }
}
