using System.Data;
using System.Runtime.CompilerServices;
using Dapper;

namespace Liwater.Data.Database;

internal static class DapperSetup
{
#pragma warning disable CA2255 // a library-wide Dapper setting must be in place before the first query
    // Columns are snake_case, records are PascalCase: let Dapper match entity_id to EntityId everywhere.
    // Flags are 0/1 integers in both schemas (SqlDialect): bool parameters go out as 0/1 and come back from 0/1
    // integers (SQLite) or booleans (PostgreSQL expressions such as EXISTS).
    [ModuleInitializer]
    internal static void Initialize()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper's built-in mapping of bool would win over a handler: remove it first.
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.AddTypeHandler(typeof(bool), new FlagHandler());
    }
#pragma warning restore CA2255

    private sealed class FlagHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value is bool flag ? (flag ? 1L : 0L) : value;
        }

        public object Parse(Type destinationType, object value) => value switch
        {
            bool flag => flag,
            long number => number != 0,
            int number => number != 0,
            short number => number != 0,
            decimal number => number != 0,
            string text => text is "1" || bool.TryParse(text, out var parsed) && parsed,
            _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
        };
    }
}
