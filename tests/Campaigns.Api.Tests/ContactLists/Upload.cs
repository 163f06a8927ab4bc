using System.Net.Http.Headers;
using System.Text;

namespace Campaigns.Api.Tests.ContactLists;

/// <summary>Builds multipart uploads as a browser or curl sends them.</summary>
internal static class Upload
{
    public static MultipartFormDataContent Csv(string csv, string fileName = "contacts.csv", params (string Name, string Value)[] fields) =>
        Bytes(Encoding.UTF8.GetBytes(csv), fileName, fields);

    public static MultipartFormDataContent Bytes(byte[] bytes, string fileName = "contacts.csv", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}
