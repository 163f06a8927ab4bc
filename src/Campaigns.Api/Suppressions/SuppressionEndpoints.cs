using System.Security.Claims;
using System.Text.Json;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Engine.Suppressions;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Suppressions;

internal static class SuppressionEndpoints
{
    public static RouteGroupBuilder MapSuppressions(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/suppressions").WithTags("Suppressions").RequireScope(ApiScopes.Contacts);
        group.MapPost("/", Add).WithName("AddSuppressions")
            .WithSummary("Suppress numbers: a JSON array of numbers, or CSV (or plain text) with one number per line")
            .Accepts<string[]>("application/json", "text/csv", "text/plain")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", List).WithName("ListSuppressions").WithSummary("The tenant's suppressed numbers, in order (keyset paging)")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapDelete("/{phone}", Remove).WithName("RemoveSuppression").WithSummary("Take a number off the suppression list")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<SuppressionsAdded>, ProblemHttpResult>> Add(
        HttpRequest request,
        ClaimsPrincipal user,
        SuppressionService suppressions,
        IOptions<CampaignsOptions> options,
        string? defaultRegion,
        CancellationToken cancellationToken)
    {
        var numbers = await ReadNumbersAsync(request, cancellationToken);
        if (!numbers.IsSuccess)
        {
            return ErrorResults.ToProblem(numbers.Error);
        }

        var region = string.IsNullOrWhiteSpace(defaultRegion) ? options.Value.DefaultRegion : defaultRegion.Trim();
        var result = await suppressions.AddAsync(user.TenantId(), numbers.Value, region, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new SuppressionsAdded(result.Value.Distinct, result.Value.Added))
            : ErrorResults.ToProblem(result.Error);
    }

    /// <summary>The numbers of the body with their position: the 1-based index in a JSON array, or the line of a CSV.</summary>
    /// <remarks>Reading stops one past <see cref="SuppressionService.MaxNumbersPerRequest"/>: the service refuses that many.</remarks>
    private static async Task<Result<IReadOnlyList<SuppressionNumber>>> ReadNumbersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var numbers = new List<SuppressionNumber>();
        if (request.HasJsonContentType())
        {
            string?[]? array;
            try
            {
                array = await request.ReadFromJsonAsync<string?[]>(cancellationToken);
            }
            catch (JsonException ex)
            {
                return new Error("suppressions.bad_json", $"The body is not a JSON array of strings: {ex.Message}", "body");
            }

            for (var i = 0; i < (array?.Length ?? 0); i++)
            {
                numbers.Add(new SuppressionNumber(i + 1, array![i]));
            }
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true
                 || request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
        {
            var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, SkipEmptyLines = true };
            await using var reader = CsvReader.Create(request.Body, options, leaveOpen: true);
            while (await reader.ReadAsync(cancellationToken) && numbers.Count <= SuppressionService.MaxNumbersPerRequest)
            {
                var text = reader.GetString(0);
                var isHeader = reader.LineNumber == 1 && text is not null && text.Any(char.IsLetter);
                if (!isHeader)
                {
                    numbers.Add(new SuppressionNumber((int)reader.LineNumber, text));
                }
            }
        }
        else
        {
            return new Error("suppressions.content_type", "Send a JSON array of numbers (application/json) or one number per line (text/csv or text/plain).", "body");
        }

        return numbers;
    }

    private static async Task<Ok<Page<SuppressionResponse>>> List(
        ClaimsPrincipal user, SuppressionService suppressions, int? limit, PhoneCursor? after, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var page = await suppressions.ListAsync(user.TenantId(), size, after?.Value, cancellationToken);
        var next = page.Count == size ? page[^1].Phone : null;
        return TypedResults.Ok(new Page<SuppressionResponse>(
            page.Select(s => new SuppressionResponse(s.Phone, s.Reason, s.CreatedAt.ToDateTimeOffset(), s.Detail)).ToArray(), next));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        string phone, ClaimsPrincipal user, SuppressionService suppressions, IOptions<CampaignsOptions> options, CancellationToken cancellationToken) =>
        await suppressions.RemoveAsync(user.TenantId(), phone, options.Value.DefaultRegion, cancellationToken) is { IsSuccess: false } refused
            ? ErrorResults.ToProblem(refused.Error)
            : TypedResults.NoContent();
}
