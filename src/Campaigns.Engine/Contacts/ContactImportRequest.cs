using Campaigns.Domain.Tenants;

namespace Campaigns.Engine.Contacts;

/// <param name="Tenant">Who owns the new list.</param>
/// <param name="Name">The list's name; the file name when null or blank.</param>
/// <param name="FileName">The uploaded file's name, kept for people.</param>
/// <param name="DefaultRegion">ISO 3166 alpha-2 region for numbers written without a country code.</param>
/// <param name="PhoneColumn">The header of the phone column; found by name when null.</param>
/// <param name="RowName">What a row is called in the report of duplicates (<c>duplicate of line 3</c>); default <c>line</c>.</param>
internal sealed record ContactImportRequest(
    TenantId Tenant, string? Name, string? FileName, string DefaultRegion, string? PhoneColumn, string RowName = "line");
