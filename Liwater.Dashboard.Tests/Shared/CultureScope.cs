using System.Globalization;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>Runs a block in one culture (UI and formatting, as request localization sets both) and restores the
/// previous ones, so a test in English cannot leak its culture into the next test on the thread.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly (CultureInfo Ui, CultureInfo Format) before = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);

    public CultureScope(string name) => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);

    public void Dispose() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = before;
}
