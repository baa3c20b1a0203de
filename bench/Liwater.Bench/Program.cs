using Liwater.Bench;

// dotnet run -c Release --project bench/Liwater.Bench -- generate --compounds 2000 [--households N --cases N --activities N] [--db path]
// dotnet run -c Release --project bench/Liwater.Bench -- measure [--runs 20] [--db path]
// dotnet run -c Release --project bench/Liwater.Bench -- all   (generate, then measure)
var options = BenchOptions.Parse(args);
switch (options.Command)
{
    case "generate":
        Generator.Run(options);
        break;
    case "measure":
        await Measurements.RunAsync(options);
        break;
    case "all":
        Generator.Run(options);
        await Measurements.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine("Usage: Liwater.Bench generate|measure|all [--compounds 2000] [--households 2000000] [--cases 1000000] [--activities 5000000] [--runs 20] [--db bench/out/liwater-bench.db]");
        return 2;
}

return 0;
