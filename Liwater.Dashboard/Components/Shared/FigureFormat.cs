using System.Globalization;

namespace Liwater.Dashboard.Components.Shared;

/// <summary>How figures are written everywhere (big screen, overview, minutes): one place so they always agree.</summary>
public static class FigureFormat
{
    /// <summary>A count with thousands separators: 7367 → "7,367".</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate as a percentage with two decimals: 34/43 → "79.07%".</summary>
    public static string Percent(double ratio) => (ratio * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>Hours with at most one decimal: 12.25 → "12.3".</summary>
    public static string Hours(double hours) => hours.ToString("#,0.#", CultureInfo.InvariantCulture);
}
