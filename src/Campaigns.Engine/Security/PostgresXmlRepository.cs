using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
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
    // Data Protection's own names (XmlConstants, internal): the mark on a secret, and the element that replaces it.
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";

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

    /// <summary>
    /// Encrypts, in place, the secrets of keys stored in clear (before a certificate was set), as Data Protection encrypts
    /// a new key's: each element marked <c>requiresEncryption</c> becomes an <c>encryptedSecret</c>. Returns how many keys
    /// changed. Safe when several servers start at once: a row is only replaced if nobody changed it meanwhile.
    /// </summary>
    public int EncryptStoredKeys(IXmlEncryptor encryptor)
    {
        ArgumentNullException.ThrowIfNull(encryptor);
        var stored = new List<(string FriendlyName, string Xml)>();
        using (var command = dataSource.CreateCommand("select friendly_name, xml from campaigns.data_protection_keys"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var changed = 0;
        foreach (var (friendlyName, xml) in stored)
        {
            var element = XElement.Parse(xml);
            var secrets = element.DescendantsAndSelf().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
            if (secrets.Count == 0)
            {
                continue;
            }

            foreach (var secret in secrets)
            {
                var encrypted = encryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement(
                    EncryptedSecret, new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!), encrypted.EncryptedElement));
            }

            using var update = dataSource.CreateCommand("update campaigns.data_protection_keys set xml = $3 where friendly_name = $1 and xml = $2");
            update.Parameters.Add(new() { Value = friendlyName });
            update.Parameters.Add(new() { Value = xml });
            update.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
            changed += update.ExecuteNonQuery();
        }

        return changed;
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
