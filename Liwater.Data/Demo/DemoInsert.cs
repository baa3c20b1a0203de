using System.Data.Common;
using Liwater.Data.Database;

namespace Liwater.Data.Demo;

/// <summary>
/// A prepared INSERT reused for every row of a table: the statement is compiled once and only the parameter values
/// change, which is what makes tens of thousands of rows load in well under a second.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods run synchronously, so the bulk path uses the synchronous API on purpose.
/// On PostgreSQL a statement per row costs a network round trip each; the rows go instead into the model's shared
/// <see cref="DemoBatch"/>, sent a few hundred statements at a time in the order they were made (foreign keys hold).
/// </remarks>
internal sealed class DemoInsert : IDisposable
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;
    private readonly string[] parameterNames;
    private readonly DemoBatch? batch;

    public DemoInsert(DbConnection connection, DbTransaction transaction, string sql, params string[] parameterNames)
        : this(connection, transaction, null, sql, parameterNames)
    {
    }

    public DemoInsert(DbConnection connection, DbTransaction transaction, DemoBatch? batch, string sql, params string[] parameterNames)
    {
        this.parameterNames = parameterNames;
        this.batch = batch is { Enabled: true } ? batch : null;
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

        if (this.batch is null)
        {
            command.Prepare();
        }
    }

    /// <summary>Gets how many rows this statement inserted.</summary>
    public int Count { get; private set; }

    public void Run(params object?[] values)
    {
        if (values.Length != parameters.Length)
        {
            throw new ArgumentException($"Expected {parameters.Length} values, got {values.Length}.", nameof(values));
        }

        if (batch is not null)
        {
            batch.Add(command.CommandText, parameterNames, values);
            Count++;
            return;
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

/// <summary>
/// The demo loader's pending inserts on PostgreSQL, sent as one <see cref="DbBatch"/> per few hundred rows, in order.
/// Anything that reads or writes through the connection directly flushes it first (<see cref="DemoModel.Connection"/>).
/// </summary>
internal sealed class DemoBatch(DbConnection connection, DbTransaction transaction) : IDisposable
{
    private const int MaxCommands = 400;
    private DbBatch? pending;

    /// <summary>Gets whether rows are batched: on PostgreSQL (SQLite runs in-process and prepares instead).</summary>
    public bool Enabled { get; } = SqlDialect.Of(connection).IsPostgreSql && connection.CanCreateBatch;

    public void Add(string sql, string[] names, object?[] values)
    {
        pending ??= CreateBatch();
        var statement = pending.CreateBatchCommand();
        statement.CommandText = sql;
        for (var i = 0; i < names.Length; i++)
        {
            var parameter = statement.CreateParameter();
            parameter.ParameterName = names[i];
            parameter.Value = values[i] ?? DBNull.Value;
            statement.Parameters.Add(parameter);
        }

        pending.BatchCommands.Add(statement);
        if (pending.BatchCommands.Count >= MaxCommands)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (pending is null)
        {
            return;
        }

        using var batch = pending;
        pending = null;
        batch.ExecuteNonQuery();
    }

    public void Dispose() => pending?.Dispose();

    private DbBatch CreateBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }
}
