using System.Data.Common;

namespace Liwater.Data.Demo;

/// <summary>
/// A prepared INSERT reused for every row of a table: the statement is compiled once and only the parameter values
/// change, which is what makes tens of thousands of rows load in well under a second.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods run synchronously, so the bulk path uses the synchronous API on purpose.
/// </remarks>
internal sealed class DemoInsert : IDisposable
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    public DemoInsert(DbConnection connection, DbTransaction transaction, string sql, params string[] parameterNames)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters = new DbParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = parameterNames[i];
            command.Parameters.Add(parameter);
            parameters[i] = parameter;
        }

        command.Prepare();
    }

    /// <summary>Gets how many rows this statement inserted.</summary>
    public int Count { get; private set; }

    public void Run(params object?[] values)
    {
        if (values.Length != parameters.Length)
        {
            throw new ArgumentException($"Expected {parameters.Length} values, got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
        Count++;
    }

    public void Dispose() => command.Dispose();
}
