using System.Globalization;
using System.Security.Claims;
using System.Text;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Engine.Contacts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.ContactLists;

internal static class ContactListEndpoints
{
    public static RouteGroupBuilder MapContactLists(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/contact-lists").WithTags("Contact lists").RequireScope(ApiScopes.Contacts);
        group.MapPost("/", Import)
            .WithName(ContactListUploadDocument.OperationId)
            .WithSummary("Upload a CSV of contacts; numbers are normalised to E.164, duplicates and suppressed numbers dropped")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer(ContactListUploadDocument.DescribeAsync)
            .RequireRateLimiting(ApiLimitsExtensions.Imports);
        group.MapGet("/", List).WithName("ListContactLists").WithSummary("The tenant's contact lists, newest first")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", Get).WithName("GetContactList").WithSummary("One contact list with its import counts")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/contacts", Contacts).WithName("ListContacts").WithSummary("The contacts of a list, ordered by phone (keyset paging)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/errors", Errors).WithName("GetImportErrors")
            .WithSummary("Rows of the upload that were not imported, as CSV: line,value,reason")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/error-rows", ErrorRows).WithName("ListImportErrors")
            .WithSummary("The same rows as the CSV report, as JSON pages in file order (keyset paging by line)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteContactList").WithSummary("Delete a list and its contacts; refused (409) while a campaign that is not a draft uses it")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Results<Created<ContactListResponse>, ProblemHttpResult>> Import(
        HttpRequest request,
        ClaimsPrincipal user,
        ContactImporter importer,
        IOptions<CampaignsOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        if (!request.HasFormContentType)
        {
            return ErrorResults.ToProblem(new Error(
                "import.not_multipart", "Send the CSV as multipart/form-data, in a field named 'file'.", "file"));
        }

        if (request.ContentLength > limit + (64 * 1024))
        {
            return ErrorResults.ToProblem(ImportErrors.TooLarge(limit));
        }

        // The form is read here rather than bound, so that the size limit answers 413 and names the field. Files are
        // buffered to disk by the form reader above 64 KB, never held whole in memory.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + (64 * 1024);
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = limit + (64 * 1024),
            ValueLengthLimit = 64 * 1024,
        }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException) // the form reader's "body length limit exceeded"
        {
            return ErrorResults.ToProblem(ImportErrors.TooLarge(limit));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ErrorResults.ToProblem(ImportErrors.TooLarge(limit));
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return ErrorResults.ToProblem(new Error("import.no_file", "The form has no file in a field named 'file'.", "file"));
        }

        if (file.Length > limit)
        {
            return ErrorResults.ToProblem(ImportErrors.TooLarge(limit));
        }

        var region = form["defaultRegion"].ToString();
        var importRequest = new ContactImportRequest(
            user.TenantId(),
            form["name"].ToString(),
            string.IsNullOrWhiteSpace(file.FileName) ? null : Path.GetFileName(file.FileName),
            string.IsNullOrWhiteSpace(region) ? options.Value.DefaultRegion : region.Trim(),
            form["phoneColumn"].ToString() is { Length: > 0 } column ? column : null);

        await using var content = file.OpenReadStream();
        var result = await importer.ImportAsync(importRequest, content, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/contact-lists/{result.Value.Id}", ContactListResponse.From(result.Value))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Ok<Page<ContactListResponse>>> List(
        ClaimsPrincipal user, ContactListStore lists, int? limit, Guid? after, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var page = await lists.ListAsync(user.TenantId(), size, after is { } id ? new ContactListId(id) : null, cancellationToken);
        var next = page.Count == size ? page[^1].Id.ToString() : null;
        return TypedResults.Ok(new Page<ContactListResponse>(page.Select(ContactListResponse.From).ToArray(), next));
    }

    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, ContactListStore lists, CancellationToken cancellationToken)
    {
        var list = await lists.FindAsync(user.TenantId(), new ContactListId(id), cancellationToken);
        return list is null ? ErrorResults.NotFound("contact list") : TypedResults.Ok(ContactListResponse.From(list));
    }

    private static async Task<Results<Ok<Page<ContactResponse>>, ProblemHttpResult>> Contacts(
        Guid id, ClaimsPrincipal user, ContactListStore lists, int? limit, PhoneCursor? after, CancellationToken cancellationToken)
    {
        var list = await lists.FindAsync(user.TenantId(), new ContactListId(id), cancellationToken);
        if (list is null)
        {
            return ErrorResults.NotFound("contact list");
        }

        var size = Paging.Limit(limit);
        var contacts = await lists.ContactsAsync(list.Id, size, after?.Value, cancellationToken);
        var next = contacts.Count == size ? contacts[^1].Phone : null;
        return TypedResults.Ok(new Page<ContactResponse>(
            contacts.Select(c => new ContactResponse(c.Phone, c.Line, c.Fields)).ToArray(), next));
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Errors(
        Guid id, ClaimsPrincipal user, ContactListStore lists, HttpResponse response, CancellationToken cancellationToken)
    {
        var list = await lists.FindAsync(user.TenantId(), new ContactListId(id), cancellationToken);
        if (list is null)
        {
            return ErrorResults.NotFound("contact list");
        }

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{list.Id}-errors.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 16 * 1024);
        await writer.WriteAsync("line,value,reason\n");
        await foreach (var error in lists.ErrorsAsync(list.Id, cancellationToken))
        {
            await writer.WriteAsync($"{error.Line},{CsvField.Escape(error.Value)},{CsvField.Escape(error.Reason)}\n");
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<Page<ImportErrorResponse>>, ProblemHttpResult>> ErrorRows(
        Guid id, ClaimsPrincipal user, ContactListStore lists, int? limit, int? after, CancellationToken cancellationToken)
    {
        var list = await lists.FindAsync(user.TenantId(), new ContactListId(id), cancellationToken);
        if (list is null)
        {
            return ErrorResults.NotFound("contact list");
        }

        var size = Paging.Limit(limit);
        var errors = await lists.ErrorsAsync(list.Id, after, size, cancellationToken).ToListAsync(cancellationToken);
        var next = errors.Count == size ? errors[^1].Line.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<ImportErrorResponse>(
            errors.Select(e => new ImportErrorResponse(e.Line, e.Value, e.Reason)).ToArray(), next));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, ContactListStore lists, CancellationToken cancellationToken) =>
        await lists.DeleteAsync(user.TenantId(), new ContactListId(id), cancellationToken) is { IsSuccess: false } refused
            ? ErrorResults.ToProblem(refused.Error)
            : TypedResults.NoContent();
}
