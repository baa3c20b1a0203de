namespace Liwater.Bench.Harness;

/// <summary>Where the repository, the built app, the settings and the harness's own files are.</summary>
internal sealed record Paths(string Root)
{
    public string Out => Path.Combine(Root, "bench", "out");

    public string DashboardDll => Path.Combine(Root, "Liwater.Dashboard", "bin", "Release", "net10.0", "Liwater.Dashboard.dll");

    public string BaselineDll => Path.Combine(Root, "bench", "Liwater.Bench.Baseline", "bin", "Release", "net10.0", "Liwater.Bench.Baseline.dll");

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
