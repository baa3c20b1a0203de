using System.Xml.Linq;
using Dapper;
using Liwater.Data.Database;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Liwater.Dashboard.Cluster;

/// <summary>
/// ASP.NET Core Data Protection keys in the main PostgreSQL database (table data_protection_keys), so that every node
/// of a cluster signs and reads the same auth cookies, antiforgery tokens and Blazor component state.
/// </summary>
public sealed class DatabaseXmlRepository(Db db) : IXmlRepository
{
    // The key ring may be read before the start-up migration ran (Hangfire's dashboard, the first request): bring the
    // schema up to date first. Migrating is idempotent and serialised across nodes by the migration lock.
    private readonly Lazy<bool> schemaReady = new(() => SchemaMigrator.Migrate(db) is not null, LazyThreadSafetyMode.ExecutionAndPublication);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        _ = schemaReady.Value ? ReadAll() : [];

    public void StoreElement(XElement element, string friendlyName)
    {
        _ = schemaReady.Value;
        Store(element, friendlyName);
    }

    private List<XElement> ReadAll() =>
        db.ReadAsync(async c => (await c.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY id")).AsList())
            .GetAwaiter().GetResult()
            .Select(xml => XElement.Parse(xml))
            .ToList();

    private void Store(XElement element, string friendlyName) =>
        db.WriteAsync((c, t) => c.ExecuteAsync(
                // Two nodes creating their first key at once both keep theirs: a key ring holds several keys.
                "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)",
                new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = db.NowMs },
                t))
            .GetAwaiter().GetResult();
}
