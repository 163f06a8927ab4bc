using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Campaigns.Engine.Security;

/// <summary>
/// Keeps ASP.NET Core Data Protection's key ring in PostgreSQL (<c>campaigns.data_protection_keys</c>), so that every
/// server of a deployment decrypts what another encrypted, and keys survive restarts and new machines.
/// </summary>
/// <remarks>
/// The key XML is stored as Data Protection hands it over: each key's secret encrypted with the certificate of
/// <see cref="KeyRingOptions"/> (an <c>encryptedSecret</c> element), or in clear where none is set (not in Production).
/// <see cref="IXmlRepository"/> is synchronous.
/// </remarks>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("select xml from campaigns.data_protection_keys order by created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var command = dataSource.CreateCommand(
            "insert into campaigns.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do update set xml = excluded.xml");
        command.Parameters.Add(new() { Value = friendlyName });
        command.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
