using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Campaigns;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;
using Campaigns.Api.Senders;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Reports;
using Campaigns.Engine.Senders;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Api.Reports;

internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Reports");
        group.MapGet("/messages", Log).WithName("ListMessages").RequireScope(ApiScopes.Messages)
            .WithSummary("The tenant's message log: newest campaign first, by phone within a campaign (keyset paging: 'after' is the opaque 'next' of the previous page), optionally of one status, sender or campaign")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/campaigns/{id:guid}/report.csv", Report).WithName("GetCampaignReport").RequireScope(ApiScopes.Campaigns)
            .WithSummary("A campaign's report as CSV, streamed: phone, the list's columns, status, sent/delivered/read/replied times (ISO-8601 UTC), error; ?status=unreached for the recipients not reached")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/campaigns/{id:guid}/timeline", Timeline).WithName("GetCampaignTimeline").RequireScope(ApiScopes.Campaigns)
            .WithSummary("A campaign's messages sent, delivered, read, replied to and failed over time, counted cumulatively in at most 200 equal buckets from its first event to its last (to now while it runs or is paused)")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/campaigns/{id:guid}/retry", Retry).WithName("RetryCampaign").RequireScope(ApiScopes.Campaigns)
            .WithSummary("Once a campaign is completed or cancelled: a new contact list of the recipients not reached (not those suppressed, opted out or not on WhatsApp) and a new draft campaign over it with the same template, media, senders and window")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/campaigns/{id:guid}/test", Test).WithName("TestCampaign").RequireScope(ApiScopes.Campaigns)
            .WithSummary("Send the campaign's message now to 1–5 test numbers (rendered with the number's own row of the list, else its first row), through the same pre-check, pacing and daily cap; not counted in the campaign's results or report")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/campaigns/{id:guid}/tests", Tests).WithName("ListCampaignTests").RequireScope(ApiScopes.Campaigns)
            .WithSummary("A campaign's test sends, newest first (the last 20), with their messages' statuses")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/stats", Stats).WithName("GetStats").RequireScope(ApiScopes.Reports)
            .WithSummary("The tenant's statistics: messages today (UTC day), total sent, delivery and read rates, by status and by kind of message, the last 30 days, and each sender's rate-limit state");
        return group;
    }

    private static async Task<Results<Created<RetryResponse>, ProblemHttpResult>> Retry(
        Guid id, ClaimsPrincipal user, CampaignRetry retry, CancellationToken cancellationToken)
    {
        var result = await retry.CreateAsync(user.TenantId(), new CampaignId(id), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created(
                $"/api/campaigns/{result.Value.Campaign}",
                new RetryResponse(result.Value.Campaign.Value, result.Value.ContactList.Value, result.Value.Recipients))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<CampaignTimelineResponse>, ProblemHttpResult>> Timeline(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CampaignTimelineReader timeline, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(user.TenantId(), new CampaignId(id), cancellationToken);
        return campaign.IsSuccess
            ? TypedResults.Ok(CampaignTimelineResponse.From(await timeline.ReadAsync(campaign.Value, cancellationToken)))
            : ErrorResults.ToProblem(campaign.Error);
    }

    private static async Task<Results<Accepted<TestSendResponse>, ProblemHttpResult>> Test(
        Guid id, TestSendRequest request, ClaimsPrincipal user, CampaignTests tests, IOptions<CampaignsOptions> options, CancellationToken cancellationToken)
    {
        var result = await tests.SendAsync(user.TenantId(), new CampaignId(id), request.Numbers ?? [], options.Value.DefaultRegion, cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var test = result.Value;
        return TypedResults.Accepted(
            $"/api/campaigns/{id}/tests",
            new TestSendResponse(test.Id.Value, test.CreatedAt.ToDateTimeOffset(), test.Messages.Select(m => new TestMessageResponse(m.Phone, m.SenderId)).ToArray()));
    }

    private static async Task<Results<Ok<IReadOnlyList<CampaignTestResponse>>, ProblemHttpResult>> Tests(
        Guid id, ClaimsPrincipal user, CampaignTests tests, CampaignStore store, CancellationToken cancellationToken)
    {
        var result = await tests.ListAsync(user.TenantId(), new CampaignId(id), 20, cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var answer = new List<CampaignTestResponse>();
        foreach (var (testId, createdAt, status) in result.Value)
        {
            var messages = await store.MessagesAsync(testId, null, TestSendErrors.MaxNumbers, null, cancellationToken);
            answer.Add(new CampaignTestResponse(testId.Value, createdAt.ToDateTimeOffset(), status, messages.Select(MessageResponse.From).ToArray()));
        }

        return TypedResults.Ok<IReadOnlyList<CampaignTestResponse>>(answer);
    }

    private static async Task<Ok<StatsResponse>> Stats(
        ClaimsPrincipal user, TenantStatsReader reader, SenderStore store, SenderService senders, CancellationToken cancellationToken)
    {
        var tenant = user.TenantId();
        var stats = await reader.ReadAsync(tenant, cancellationToken);
        var states = new List<SenderStatsResponse>();
        foreach (var sender in await store.ListAsync(tenant, Paging.MaxLimit, null, cancellationToken))
        {
            var today = await senders.TodayAsync(sender, cancellationToken);
            states.Add(new SenderStatsResponse(
                sender.Id.Value, sender.Name, SenderStore.StateText(sender.State), today.Sent, today.Cap, today.NextSendAt?.ToDateTimeOffset(),
                sender.Pause?.Reason,
                sender.Restriction is { } r ? new SenderRestrictionResponse(r.Kind, r.Until.ToDateTimeOffset(), r.Since.ToDateTimeOffset()) : null));
        }

        return TypedResults.Ok(new StatsResponse(
            stats.SentToday,
            stats.Sent,
            stats.DeliveryRate,
            stats.ReadRate,
            MessageCountsResponse.From(stats.ByStatus, stats.Replied),
            MessageTypeCountsResponse.From(stats.ByType),
            stats.Daily.Select(d => new DailyStatsResponse(d.Day.ToDateOnly(), d.Sent, d.Delivered, d.Read, d.Failed, d.Replied)).ToArray(),
            states));
    }

    private static async Task<Results<Ok<Page<MessageResponse>>, ProblemHttpResult>> Log(
        ClaimsPrincipal user,
        MessageLog log,
        string? status,
        Guid? senderId,
        Guid? campaignId,
        int? limit,
        MessageCursor? after,
        CancellationToken cancellationToken)
    {
        var filter = MessageStatusQuery.Parse(status);
        if (!filter.IsSuccess)
        {
            return ErrorResults.ToProblem(filter.Error);
        }

        if (after is not null && !after.IsFor(MessageListing.TenantLog))
        {
            return ErrorResults.ToProblem(ReportErrors.CursorOfAnotherListing());
        }

        var size = Paging.Limit(limit);
        var page = await log.ReadAsync(
            user.TenantId(),
            new MessageLogFilter(filter.Value, senderId is { } s ? new SenderId(s) : null, campaignId is { } c ? new CampaignId(c) : null),
            size,
            after?.LogKey,
            cancellationToken);
        var next = page.Count == size ? MessageCursor.ForLog(page[^1].Key) : null;
        return TypedResults.Ok(new Page<MessageResponse>(page.Select(m => MessageResponse.From(m.Message)).ToArray(), next));
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Report(
        Guid id, ClaimsPrincipal user, CampaignReport report, string? status, HttpResponse response, CancellationToken cancellationToken)
    {
        var unreached = false;
        if (!string.IsNullOrEmpty(status))
        {
            if (!string.Equals(status, "unreached", StringComparison.OrdinalIgnoreCase))
            {
                return ErrorResults.ToProblem(new Domain.Common.Error(
                    "report.unknown_status", $"'{status}' is not a report filter: use 'unreached', or leave it out for every recipient.", "status"));
            }

            unreached = true;
        }

        var tenant = user.TenantId();
        var campaign = new CampaignId(id);
        if (await report.ColumnsAsync(tenant, campaign, cancellationToken) is not { } columns)
        {
            return ErrorResults.ToProblem(CampaignErrors.NotFound());
        }

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{id}{(unreached ? "-unreached" : "")}.csv\"";

        // CsvHelper writes UTF-8 into its 64 KiB buffer and hands it to the response asynchronously when it is mostly full
        // (EndRecordAsync): the file is streamed as the rows are read, never held whole. Our own guard defuses formulas
        // (CsvFormula: its E.164 exception is not CsvHelper's injection option).
        await using var csv = CsvWriter.Create(response.Body, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var header in (string[])["phone", .. columns, "status", "sent_at", "delivered_at", "read_at", "replied_at", "error", "error_message"])
        {
            csv.WriteField(CsvFormula.Neutralise(header));
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var row in report.RowsAsync(tenant, campaign, columns, unreached, cancellationToken))
        {
            csv.WriteField(CsvFormula.Neutralise(row.Phone));
            foreach (var field in row.Fields)
            {
                csv.WriteField(CsvFormula.Neutralise(field));
            }

            csv.WriteField(row.Status);
            csv.WriteField(Time(row.SentAt));
            csv.WriteField(Time(row.DeliveredAt));
            csv.WriteField(Time(row.ReadAt));
            csv.WriteField(Time(row.RepliedAt));
            csv.WriteField(CsvFormula.Neutralise(row.ErrorCode));
            csv.WriteField(CsvFormula.Neutralise(row.Error));
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    // ISO-8601 in UTC, to the microsecond PostgreSQL keeps (e.g. 2026-03-01T09:00:00.123456Z).
    private static string Time(Instant? at) => at is { } value ? InstantPattern.ExtendedIso.Format(value) : "";
}
