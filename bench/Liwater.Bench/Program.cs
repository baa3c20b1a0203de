using Liwater.Bench;
using Liwater.Bench.Harness;

// bench/run.sh publishes the app (Release, ReadyToRun) and runs `all`: every scenario against the real app, a markdown table.
// dotnet run -c Release --project bench/Liwater.Bench -- all [--only 1,2,...] [--compounds 2000 ...]   (city size if it must be generated)
//     [--clients 2000] [--scale town|10x|city]   (scenario 8, the cluster: hub clients over both nodes; statistics data)
// dotnet run -c Release --project bench/Liwater.Bench -- generate --compounds 2000 [--households N --cases N --activities N] [--db path]
// dotnet run -c Release --project bench/Liwater.Bench -- measure [--runs 20] [--db path]
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
        return await BenchRun.RunAsync(options);
    default:
        Console.Error.WriteLine("Usage: Liwater.Bench all [--only 1,2,3,4,5,6,7,8] [--clients 2000] [--scale town|10x|city] | generate [--compounds 2000] [--households 2000000] [--cases 1000000] [--activities 5000000] [--db bench/out/liwater-bench.db] | measure [--runs 20] [--db path]");
        return 2;
}

return 0;
