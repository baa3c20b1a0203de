namespace Liwater.Bench.Harness;

/// <summary>Where the repository, the built app, the settings and the harness's own files are.</summary>
internal sealed record Paths(string Root)
{
    public string Out => Path.Combine(Root, "bench", "out");

    /// <summary>Gets the app as bench/run.sh publishes it (Release, ReadyToRun); also its content root.</summary>
    public string DashboardFolder => Path.Combine(Out, "publish", "app");

    public string DashboardDll => Path.Combine(DashboardFolder, "Liwater.Dashboard.dll");

    /// <summary>Gets the bare baseline server, published the same way.</summary>
    public string BaselineFolder => Path.Combine(Out, "publish", "baseline");

    public string BaselineDll => Path.Combine(BaselineFolder, "Liwater.Bench.Baseline.dll");

    public string Settings => Path.Combine(Root, "appsettings.json");

    public string Tools => Path.Combine(Out, "tools");

    public string DemoDb => Path.Combine(Out, "demo.db");

    public string TenXDb => Path.Combine(Out, "town-10x.db");

    public string CityDb => Path.Combine(Out, "city.db");

    public static Paths Find()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Liwater.sln")))
            {
                return new Paths(folder.FullName);
            }
        }

        throw new DirectoryNotFoundException("Run the harness from inside the Liwater repository (Liwater.sln not found above the current folder).");
    }
}
