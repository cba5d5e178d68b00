using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupplyMatch.Storage;

/// <summary>
/// The Data Protection key ring in the database (table <c>data_protection_keys</c>, created by the migrations): on
/// PostgreSQL every instance on the database shares it, on the embedded default it lives in the SQLite file with the data.
/// Keys survive restarts and travel with backups of the database; Data Protection reads the table when it loads or
/// refreshes its key ring and appends a row when it creates (or revokes) a key.
/// </summary>
/// <remarks>The contract of <see cref="IXmlRepository"/> is synchronous, hence the synchronous connection.</remarks>
public sealed class KeyRingStore(Database database, TimeProvider clock) : IXmlRepository
{
    /// <summary>
    /// The Data Protection application name of the service. Every instance must use the same one: payloads protected
    /// under another name (by default, another content root) cannot be read.
    /// </summary>
    public const string ApplicationName = "SupplyMatch";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        using var command = connection.Sql("SELECT xml FROM data_protection_keys ORDER BY id");
        using var r = command.ExecuteReader();
        var elements = new List<XElement>();
        while (r.Read())
        {
            elements.Add(XElement.Parse(r.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        using var command = connection.Sql("INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @now)")
            .With("name", friendlyName).With("xml", element.ToString(SaveOptions.DisableFormatting)).With("now", clock.Now());
        command.ExecuteNonQuery();
    }
}

public static class KeyRingSetup
{
    /// <summary>
    /// Data Protection under the service's application name with its key ring in the database of the registered
    /// <see cref="Database"/>, and the <see cref="FeedSecrets"/> that use it.
    /// </summary>
    public static IServiceCollection AddSupplyMatchDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(KeyRingStore.ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new KeyRingStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<FeedSecrets>();
        return services;
    }
}
