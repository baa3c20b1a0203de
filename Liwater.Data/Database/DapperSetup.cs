using System.Runtime.CompilerServices;

namespace Liwater.Data.Database;

internal static class DapperSetup
{
#pragma warning disable CA2255 // a library-wide Dapper setting must be in place before the first query
    // Columns are snake_case, records are PascalCase: let Dapper match entity_id to EntityId everywhere.
    [ModuleInitializer]
    internal static void Initialize() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
}
