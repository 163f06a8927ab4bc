using Microsoft.Net.Http.Headers;

namespace Campaigns.Api.Web;

/// <summary>
/// The marketers' page at <c>/</c>: static files from <c>wwwroot</c> (HTML, ES modules, CSS, the vendored chart library)
/// that call the documented REST API with the tenant's key, so the page has no business path of its own.
/// </summary>
internal static class WebPageExtensions
{
    /// <summary>
    /// Scripts and styles only from this origin, no inline script, images also as data URLs (the QR code), no framing:
    /// the page keeps an API key in the browser session, so nothing foreign may run beside it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseWebPage(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers[HeaderNames.CacheControl] = "no-cache"; // revalidated (ETag) so a new version shows at once
            },
        });
    }
}
