namespace Campaigns.Domain.Contacts;

/// <summary>
/// Finds the column of a contact file that holds the phone numbers, by its header name.
/// Names are compared as <see cref="ColumnName.Key"/> does, so <c>Phone Number</c>, <c>phone_number</c>
/// and <c>PHONE-NUMBER</c> are one name.
/// </summary>
public static class PhoneColumn
{
    // Most specific first: a file with both "whatsapp" and "phone" columns means the WhatsApp one.
    private static readonly string[] KnownNames =
    [
        "whatsapp", "whatsappnumber", "whatsappno", "whatsappphone", "wa", "wanumber",
        "msisdn",
        "mobile", "mobilenumber", "mobileno", "mobilephone", "mobilephonenumber",
        "cell", "cellphone", "cellnumber", "cellno", "cellular",
        "phone", "phonenumber", "phoneno", "phonenum", "phone1", "primaryphone",
        "tel", "telephone", "telephonenumber", "telno",
        "contact", "contactnumber", "contactno", "contactphone",
        "number", "no",
    ];

    /// <summary>
    /// The index of the phone column among <paramref name="headers"/>: the one the caller named
    /// (<paramref name="requested"/>, compared as names are) or else the best-known phone name; -1 when none is found.
    /// </summary>
    public static int Find(IReadOnlyList<string> headers, string? requested)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keys = headers.Select(ColumnName.Key).ToArray();
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var exact = headers.ToList().IndexOf(requested);
            return exact >= 0 ? exact : Array.IndexOf(keys, ColumnName.Key(requested));
        }

        foreach (var name in KnownNames)
        {
            var index = Array.IndexOf(keys, name);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }
}
