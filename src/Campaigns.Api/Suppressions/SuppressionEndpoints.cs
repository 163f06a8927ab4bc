using System.Security.Claims;
using System.Text.Json;
using Campaigns.Api.Common;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Suppressions;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Suppressions;

internal static class SuppressionEndpoints
{
    private const int MaxNumbersPerRequest = 100_000;

    public static RouteGroupBuilder MapSuppressions(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/suppressions").WithTags("Suppressions");
        group.MapPost("/", Add).WithName("AddSuppressions")
            .WithSummary("Suppress numbers: a JSON array of numbers, or CSV with one number per line")
            .Accepts<string[]>("application/json", "text/csv");
        group.MapGet("/", List).WithName("ListSuppressions").WithSummary("The tenant's suppressed numbers, in order (keyset paging)");
        group.MapDelete("/{phone}", Remove).WithName("RemoveSuppression").WithSummary("Take a number off the suppression list");
        return group;
    }

    private static async Task<Results<Ok<SuppressionsAdded>, ProblemHttpResult>> Add(
        HttpRequest request,
        ClaimsPrincipal user,
        SuppressionStore suppressions,
        IOptions<CampaignsOptions> options,
        string? defaultRegion,
        CancellationToken cancellationToken)
    {
        var region = string.IsNullOrWhiteSpace(defaultRegion) ? options.Value.DefaultRegion : defaultRegion.Trim();
        if (!PhoneNormalizer.IsSupportedRegion(region))
        {
            return ErrorResults.ToProblem(ImportErrors.UnknownRegion(region));
        }

        var numbers = await ReadNumbersAsync(request, cancellationToken);
        if (!numbers.IsSuccess)
        {
            return ErrorResults.ToProblem(numbers.Error);
        }

        var phones = new List<string>(numbers.Value.Count);
        var problems = new List<object>();
        foreach (var (position, text) in numbers.Value)
        {
            var phone = PhoneNormalizer.Normalize(text, region.ToUpperInvariant());
            if (phone.IsSuccess)
            {
                phones.Add(phone.Value.Value);
            }
            else
            {
                problems.Add(new { position, value = text, reason = phone.Error.Message });
            }
        }

        if (problems.Count > 0)
        {
            return ErrorResults.ToProblem(new Error(
                "suppressions.invalid_numbers",
                $"{problems.Count} of the numbers could not be read; nothing was stored.",
                "body")
            {
                Details = new Dictionary<string, object?> { ["invalid"] = problems },
            });
        }

        var added = await suppressions.AddAsync(user.TenantId(), phones, "manual", cancellationToken);
        return TypedResults.Ok(new SuppressionsAdded(phones.Distinct().Count(), added));
    }

    /// <summary>The numbers of the body with their position: the 1-based index in a JSON array, or the line of a CSV.</summary>
    private static async Task<Result<IReadOnlyList<(int Position, string? Text)>>> ReadNumbersAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var numbers = new List<(int, string?)>();
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
                numbers.Add((i + 1, array![i]));
            }
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true
                 || request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
        {
            var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, SkipEmptyLines = true };
            await using var reader = CsvReader.Create(request.Body, options, leaveOpen: true);
            while (await reader.ReadAsync(cancellationToken) && numbers.Count <= MaxNumbersPerRequest)
            {
                var text = reader.GetString(0);
                var isHeader = reader.LineNumber == 1 && text is not null && text.Any(char.IsLetter);
                if (!isHeader)
                {
                    numbers.Add(((int)reader.LineNumber, text));
                }
            }
        }
        else
        {
            return new Error("suppressions.content_type", "Send a JSON array of numbers (application/json) or CSV (text/csv).", "body");
        }

        if (numbers.Count > MaxNumbersPerRequest)
        {
            return new Error("suppressions.too_many", $"Send at most {MaxNumbersPerRequest:N0} numbers per request.", "body", ErrorKind.TooLarge);
        }

        return numbers.Count == 0 ? new Error("suppressions.empty", "The body holds no numbers.", "body") : numbers;
    }

    private static async Task<Ok<Page<SuppressionResponse>>> List(
        ClaimsPrincipal user, SuppressionStore suppressions, int? limit, PhoneCursor? after, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var page = await suppressions.ListAsync(user.TenantId(), size, after?.Value, cancellationToken);
        var next = page.Count == size ? page[^1].Phone : null;
        return TypedResults.Ok(new Page<SuppressionResponse>(
            page.Select(s => new SuppressionResponse(s.Phone, s.Reason, s.CreatedAt.ToDateTimeOffset())).ToArray(), next));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        string phone, ClaimsPrincipal user, SuppressionStore suppressions, IOptions<CampaignsOptions> options, CancellationToken cancellationToken)
    {
        var normalized = PhoneNormalizer.Normalize(phone, options.Value.DefaultRegion.ToUpperInvariant());
        var key = normalized.IsSuccess ? normalized.Value.Value : phone;
        return await suppressions.RemoveAsync(user.TenantId(), key, cancellationToken)
            ? TypedResults.NoContent()
            : ErrorResults.ToProblem(new Error("not_found", "That number is not on the suppression list.", Kind: ErrorKind.NotFound));
    }
}
