using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Api.Senders;

internal static class SenderEndpoints
{
    public static RouteGroupBuilder MapSenders(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/senders").WithTags("Senders").RequireScope(ApiScopes.Senders);
        group.MapPost("/", Register).WithName("RegisterSender")
            .WithSummary("Register an Evolution instance as a sender (or create one on a registered gateway); sets its webhook")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict)
            .WithGatewayBudget();
        group.MapGet("/", List).WithName("ListSenders").WithSummary("The tenant's senders with state and today's budget")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", Get).WithName("GetSender").WithSummary("One sender with state, sent today, cap today and next send")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateSender").WithSummary("Change a sender's name, pacing or instance key")
            .WithDescription(MergePatch.Description)
            .Accepts<UpdateSenderRequest>(MergePatch.ContentType, "application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithGatewayBudget(); // a new instance key is checked with the gateway
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteSender")
            .WithSummary("Remove a sender; 409 naming the campaigns while a scheduled, running or paused campaign sends from it")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/pause", Pause).WithName("PauseSender")
            .WithSummary("Pause a sender: nothing more is sent from it until it is resumed; its campaigns go on with their other senders")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/resume", Resume).WithName("ResumeSender")
            .WithSummary("Resume a paused sender after checking its connection with the gateway; 409 while it is not open")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithGatewayBudget();
        group.MapPost("/{id:guid}/restriction/clear", ClearRestriction).WithName("ClearSenderRestriction")
            .WithSummary("End a sender's restriction (reach-out timelock) now: first contacts may go again")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/check", Check).WithName("CheckSender").WithSummary("Ask the gateway for the sender's connection state now")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithGatewayBudget();
        group.MapGet("/{id:guid}/qr", Qr).WithName("GetSenderQr").WithSummary("The QR code (PNG data URL) to link a phone, until the sender is open")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithGatewayBudget();
        return group;
    }

    private static async Task<Results<Created<SenderResponse>, ProblemHttpResult>> Register(
        RegisterSenderRequest request,
        ClaimsPrincipal user,
        SenderService senders,
        PublicUrl publicUrl,
        IOptions<CampaignsOptions> options,
        CancellationToken cancellationToken)
    {
        var activatedOn = ParseDate(request.ActivatedOn);
        if (!activatedOn.IsSuccess)
        {
            return ErrorResults.ToProblem(activatedOn.Error);
        }

        var command = new RegisterSender(
            user.TenantId(), request.Name, request.GatewayUrl, request.Instance, request.InstanceApiKey,
            request.GatewayId is { } gateway ? new GatewayId(gateway) : null, request.CreateInstance ?? false,
            request.TimeZone, activatedOn.Value, request.DailyCapMin, request.DailyCapMax, request.MinIntervalMs,
            request.JitterMinMs, request.JitterMaxMs, publicUrl.Base)
        {
            PacingProfile = request.Pacing?.Profile,
            MaxPerMinute = request.Pacing?.MaxPerMinute,
            MaxPerHour = request.Pacing?.MaxPerHour,
            Typing = request.Typing ?? false,
        };
        var result = await senders.RegisterAsync(command, options.Value.DefaultRegion, cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var today = await senders.TodayAsync(result.Value, cancellationToken);
        return TypedResults.Created($"/api/senders/{result.Value.Id}", SenderResponse.From(result.Value, today));
    }

    private static async Task<Ok<Page<SenderResponse>>> List(
        ClaimsPrincipal user, SenderStore store, SenderService senders, int? limit, Guid? after, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var page = await store.ListAsync(user.TenantId(), size, after is { } a ? new SenderId(a) : null, cancellationToken);
        var items = new List<SenderResponse>(page.Count);
        foreach (var sender in page)
        {
            items.Add(SenderResponse.From(sender, await senders.TodayAsync(sender, cancellationToken)));
        }

        return TypedResults.Ok(new Page<SenderResponse>(items, page.Count == size ? page[^1].Id.ToString() : null));
    }

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, SenderStore store, SenderService senders, CancellationToken cancellationToken)
    {
        var sender = await store.FindAsync(user.TenantId(), new SenderId(id), cancellationToken);
        return sender is null
            ? ErrorResults.NotFound("sender")
            : TypedResults.Ok(SenderResponse.From(sender, await senders.TodayAsync(sender, cancellationToken)));
    }

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateSenderRequest request, ClaimsPrincipal user, SenderService senders, CancellationToken cancellationToken)
    {
        var activatedOn = ParseDate(request.ActivatedOn);
        if (!activatedOn.IsSuccess)
        {
            return ErrorResults.ToProblem(activatedOn.Error);
        }

        var result = await senders.UpdateAsync(
            user.TenantId(),
            new SenderId(id),
            request.ToCommand(activatedOn.Value),
            cancellationToken);
        return await RespondAsync(result, senders, cancellationToken);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, SenderService senders, CancellationToken cancellationToken)
    {
        var result = await senders.DeleteAsync(user.TenantId(), new SenderId(id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> Pause(
        Guid id, ClaimsPrincipal user, SenderService senders, CancellationToken cancellationToken) =>
        await RespondAsync(await senders.PauseAsync(user.TenantId(), new SenderId(id), cancellationToken), senders, cancellationToken);

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> Resume(
        Guid id, ClaimsPrincipal user, SenderService senders, CancellationToken cancellationToken) =>
        await RespondAsync(await senders.ResumeAsync(user.TenantId(), new SenderId(id), cancellationToken), senders, cancellationToken);

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> ClearRestriction(
        Guid id, ClaimsPrincipal user, SenderRestrictions restrictions, SenderStore store, SenderService senders, CancellationToken cancellationToken)
    {
        await restrictions.ClearAsync(user.TenantId(), new SenderId(id), cancellationToken);
        var sender = await store.FindAsync(user.TenantId(), new SenderId(id), cancellationToken);
        return sender is null
            ? ErrorResults.NotFound("sender")
            : TypedResults.Ok(SenderResponse.From(sender, await senders.TodayAsync(sender, cancellationToken)));
    }

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> Check(
        Guid id, ClaimsPrincipal user, SenderService senders, CancellationToken cancellationToken) =>
        await RespondAsync(await senders.CheckAsync(user.TenantId(), new SenderId(id), cancellationToken), senders, cancellationToken);

    private static async Task<Results<Ok<SenderQrResponse>, ProblemHttpResult>> Qr(
        Guid id, ClaimsPrincipal user, SenderService senders, CancellationToken cancellationToken)
    {
        var result = await senders.LinkAsync(user.TenantId(), new SenderId(id), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new SenderQrResponse(SenderResponse.StateName(result.Value.Sender.State), result.Value.QrCode, result.Value.PairingCode))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<SenderResponse>, ProblemHttpResult>> RespondAsync(
        Result<Sender> result, SenderService senders, CancellationToken cancellationToken) =>
        result.IsSuccess
            ? TypedResults.Ok(SenderResponse.From(result.Value, await senders.TodayAsync(result.Value, cancellationToken)))
            : ErrorResults.ToProblem(result.Error);

    private static Result<LocalDate?> ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (LocalDate?)null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        return parsed.Success
            ? parsed.Value
            : new Error("sender.invalid_date", $"'{text}' is not a date in the form 2026-11-26.", "activatedOn");
    }
}
