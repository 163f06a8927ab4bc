namespace Campaigns.Api.ContactLists;

/// <summary>
/// The multipart/form-data fields of an upload, for the OpenAPI document (the endpoint reads the form itself,
/// streaming, so that it can enforce the size limit and name the field at fault).
/// </summary>
/// <param name="File">The CSV file (required). A header row is required; the delimiter is detected.</param>
/// <param name="Name">The list's name; defaults to the file name.</param>
/// <param name="DefaultRegion">ISO 3166 alpha-2 region for numbers without a country code; defaults to configuration (KE).</param>
/// <param name="PhoneColumn">The header of the phone column; found by name (phone, mobile, msisdn, whatsapp…) when absent.</param>
internal sealed record ContactListUploadForm(IFormFile File, string? Name, string? DefaultRegion, string? PhoneColumn);
