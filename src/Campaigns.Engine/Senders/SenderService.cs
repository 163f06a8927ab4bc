using Campaigns.Domain.Common;
using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Database;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Security;
using Campaigns.Engine.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Senders;

/// <summary>
/// Registers senders with their gateway and keeps their connection state current. Registration checks the instance
/// (reachable, key accepted, state), points its webhook at our per-sender secret URL for the four events campaigns need,
/// and stores the instance key encrypted. Nothing is stored when any of it fails.
/// </summary>
internal sealed class SenderService(
    SenderStore senders,
    GatewayStore gateways,
    IGatewayClient gateway,
    SecretProtector secrets,
    NpgsqlDataSource dataSource,
    IClock clock,
    ILogger<SenderService> logger,
    IOptions<PacingOptions> pacingOptions)
{
    public async Task<Result<Sender>> RegisterAsync(RegisterSender command, string defaultRegion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new Dictionary<string, string[]>();
        var name = command.Name?.Trim();
        var instance = command.Instance?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["A name is required, e.g. \"Sales line 1\"."];
        }

        if (string.IsNullOrEmpty(instance))
        {
            errors["instance"] = ["The gateway instance's name is required."];
        }

        RegisteredGateway? registered = null;
        Uri? url = null;
        if (command.GatewayId is { } gatewayId)
        {
            registered = await gateways.FindAsync(command.Tenant, gatewayId, cancellationToken);
            url = registered?.Url;
            if (registered is null)
            {
                errors["gatewayId"] = ["No registered gateway with that id."];
            }
        }
        else
        {
            url = ParseGatewayUrl(command.GatewayUrl, errors);
            if (command.CreateInstance)
            {
                errors["createInstance"] = ["Creating an instance needs a registered gateway and its master key: give gatewayId."];
            }

            if (string.IsNullOrWhiteSpace(command.InstanceApiKey))
            {
                errors["instanceApiKey"] = ["The instance's API key is required (or register its gateway and give gatewayId)."];
            }
        }

        // Checked now, so that bad settings are refused before the gateway is asked anything; the zone may still change below.
        var settings = CreateSettings(command.TimeZone ?? "UTC", clock.Now().InUtc().Date, command, errors);
        var pacing = SenderPacing.Create(command.PacingProfile, command.MaxPerMinute, command.MaxPerHour);
        Merge(pacing, errors);
        if (errors.Count > 0 || settings is null)
        {
            return SenderErrors.InvalidSettings(errors);
        }

        // Before the gateway is asked anything: a second registration must not take the instance's only webhook.
        if (await senders.FindByInstanceAsync(command.Tenant, url!, instance!, cancellationToken) is not null
            || await senders.InstanceInUseAsync(InstanceEndpoint.Of(url!, instance!), null, cancellationToken))
        {
            return SenderConflicts.InstanceInUse(url!, instance!);
        }

        var key = await ObtainKeyAsync(command, registered, url!, instance!, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var target = new GatewayTarget(url!, instance!, key.Value);
        var registeredSender = await CompleteRegistrationAsync(command, registered, target, name!, defaultRegion, settings, pacing.Value, cancellationToken);
        if (!registeredSender.IsSuccess && command.CreateInstance)
        {
            await UndoCreateAsync(registered!, instance!);
        }

        return registeredSender;
    }

    /// <summary>Everything after the instance key is known: state, number, zone, webhook, storage.</summary>
    private async Task<Result<Sender>> CompleteRegistrationAsync(
        RegisterSender command, RegisteredGateway? registered, GatewayTarget target, string name, string defaultRegion,
        SenderSettings settings, SenderPacing pacing, CancellationToken cancellationToken)
    {
        var (url, instance) = (target.BaseUrl, target.Instance);
        InstanceConnectionState state;
        try
        {
            state = await gateway.GetConnectionStateAsync(target, cancellationToken);
        }
        catch (GatewayException ex)
        {
            return Problem(ex, url, instance, registered is null ? "instanceApiKey" : "gatewayId");
        }

        var phone = state == InstanceConnectionState.Open ? await LinkedNumberAsync(target, cancellationToken) : null;
        if (phone is not null && await senders.NumberInUseAsync(phone, null, cancellationToken))
        {
            return SenderConflicts.NumberInUse();
        }
        var zone = command.TimeZone ?? SenderTimeZones.For(phone, defaultRegion);

        // Without activatedOn the number is taken to start today, so it warms up: the careful guess for a number we know nothing of.
        var activatedOn = command.ActivatedOn ?? clock.Now().InZone(DateTimeZoneProviders.Tzdb[zone]).Date;
        settings = settings.WithTimeZone(DateTimeZoneProviders.Tzdb[zone]).WithActivatedOn(activatedOn);

        var id = SenderId.New();
        var secret = WebhookSecret.Generate();
        try
        {
            await gateway.SetWebhookAsync(
                target,
                new WebhookSettings(true, WebhookSecret.Url(command.WebhookBase, id, secret).AbsoluteUri, ByEvents: false, Base64: false, Events: WebhookEventNames.Campaign),
                cancellationToken);
        }
        catch (GatewayException ex)
        {
            return Problem(ex, url, instance, "instanceApiKey");
        }

        var now = clock.Now();
        var sender = new Sender(
            id, command.Tenant, registered?.Id, name, url, instance, secrets.Protect(target.ApiKey), phone, settings,
            ToSenderState(state), null, now, now) { Pacing = pacing, Typing = command.Typing };
        switch (await senders.InsertAsync(sender, WebhookSecret.Hash(secret), cancellationToken))
        {
            case SenderInsert.InstanceInUse:
                return SenderConflicts.InstanceInUse(url, instance);
            case SenderInsert.NumberInUse:
                return SenderConflicts.NumberInUse();
        }

        SenderLog.Registered(logger, id.Value, instance, sender.State);
        return sender;
    }

    /// <summary>
    /// Deletes an instance this registration created on the gateway but could not register, so that no orphan is left
    /// linked to nothing. Best effort, and not cancelled with the request: a failure is logged, not answered.
    /// </summary>
    private async Task UndoCreateAsync(RegisteredGateway registered, string instance)
    {
        try
        {
            await gateway.DeleteInstanceAsync(new GatewayServer(registered.Url, secrets.Unprotect(registered.ProtectedApiKey)), instance, CancellationToken.None);
        }
        catch (GatewayException ex) // the registration already failed; this is cleanup
        {
            SenderLog.OrphanInstance(logger, ex, instance, registered.Url.AbsoluteUri);
        }
    }

    /// <summary>Asks the gateway for the sender's state now and stores it (repairing a stale key when the master key is known).</summary>
    public async Task<Result<Sender>> CheckAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        var sender = await senders.FindAsync(tenant, id, cancellationToken);
        return sender is null ? NotFound() : await RefreshAsync(sender, cancellationToken);
    }

    /// <summary>The QR code to link a phone (PNG data URL), until the instance is open.</summary>
    public async Task<Result<SenderLink>> LinkAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        var sender = await senders.FindAsync(tenant, id, cancellationToken);
        if (sender is null)
        {
            return NotFound();
        }

        sender = await RefreshAsync(sender, cancellationToken);
        if (sender.State is SenderState.Open or SenderState.Unauthorized or SenderState.Unreachable)
        {
            return new SenderLink(sender, null, null);
        }

        try
        {
            var link = await gateway.ConnectInstanceAsync(Target(sender), cancellationToken);
            return new SenderLink(sender, link.QrCode?.Base64, link.QrCode?.PairingCode);
        }
        catch (GatewayException ex)
        {
            return Problem(ex, sender.GatewayUrl, sender.Instance, "instanceApiKey");
        }
    }

    public async Task<Result<Sender>> UpdateAsync(TenantId tenant, SenderId id, UpdateSender patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var sender = await senders.FindAsync(tenant, id, cancellationToken);
        if (sender is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (patch.Name.HasValue && string.IsNullOrWhiteSpace(patch.Name.Value))
        {
            errors["name"] = ["The name cannot be empty or null: a sender needs one."];
        }

        if (patch.InstanceApiKey.HasValue && string.IsNullOrWhiteSpace(patch.InstanceApiKey.Value))
        {
            errors["instanceApiKey"] = ["The instance key cannot be empty or null: give the instance's current key."];
        }

        var settings = sender.Settings.With(patch.Settings, clock.Now().InZone(sender.Settings.TimeZone).Date);
        Merge(settings, errors);
        var pacing = sender.Pacing.With(patch.Pacing);
        Merge(pacing, errors);
        if (errors.Count > 0)
        {
            return SenderErrors.InvalidSettings(errors);
        }

        var updated = sender with
        {
            Name = patch.Name.Or(sender.Name)!.Trim(),
            Settings = settings.Value,
            Pacing = pacing.Value,
            Typing = patch.Typing.HasValue ? patch.Typing.Value ?? false : sender.Typing,
        };
        InstanceConnectionState? newState = null;
        if (patch.InstanceApiKey.HasValue && patch.InstanceApiKey.Value is { } key)
        {
            try
            {
                newState = await gateway.GetConnectionStateAsync(new GatewayTarget(sender.GatewayUrl, sender.Instance, key), cancellationToken);
            }
            catch (GatewayException ex)
            {
                return Problem(ex, sender.GatewayUrl, sender.Instance, "instanceApiKey");
            }

            await senders.UpdateKeyAsync(id, secrets.Protect(key), cancellationToken);
        }

        // Only the name and settings: the state, number and pause columns belong to other writers (dispatch, webhooks).
        await senders.UpdateSettingsAsync(updated, cancellationToken);
        if (newState is { } state && (ToSenderState(state), (string?)null) != (sender.State, sender.StateReason))
        {
            await senders.RecordStateAsync(id, sender.State, ToSenderState(state), null, clock.Now(), cancellationToken);
        }

        return await senders.FindAsync(tenant, id, cancellationToken) is { } stored ? stored : NotFound();
    }

    /// <summary>Deletes a sender, unless a scheduled, running or paused campaign sends from it (409 naming them).</summary>
    public async Task<Result<SenderId>> DeleteAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken) =>
        await senders.DeleteAsync(tenant, id, cancellationToken) switch
        {
            null => NotFound(),
            { Count: > 0 } users => SenderConflicts.InUse(users),
            _ => id,
        };

    /// <summary>Pauses a sender for its user: dispatch stops sending from it until it is resumed. Pausing a paused sender keeps its first reason.</summary>
    public async Task<Result<Sender>> PauseAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        if (await senders.FindAsync(tenant, id, cancellationToken) is null)
        {
            return NotFound();
        }

        await senders.PauseAsync(tenant, id, SenderConflicts.PausedByUser, clock.Now(), cancellationToken);
        return await senders.FindAsync(tenant, id, cancellationToken) is { } paused ? paused : NotFound();
    }

    /// <summary>
    /// Resumes a paused sender (whoever paused it), after asking the gateway for its connection state: one that is not
    /// open, or has no number of its own, stays paused (409 saying why). A resumed sender's number is woken for dispatch.
    /// </summary>
    public async Task<Result<Sender>> ResumeAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        var sender = await senders.FindAsync(tenant, id, cancellationToken);
        if (sender is null)
        {
            return NotFound();
        }

        var refreshed = await RefreshAsync(sender, cancellationToken);
        if (refreshed.State != SenderState.Open || refreshed.Phone is null || refreshed.Pause?.Reason == SenderConflicts.InstanceHeldReason)
        {
            return SenderConflicts.NotSendable(refreshed);
        }

        if (await senders.ResumeAsync(tenant, id, cancellationToken))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await DispatchWake.WakeSendersAsync(connection, null, [id.Value], cancellationToken);
            SenderLog.Resumed(logger, id.Value);
        }

        return await senders.FindAsync(tenant, id, cancellationToken) is { } resumed ? resumed : NotFound();
    }

    /// <summary>
    /// The sender's budget for its local today, its number's last send and warm-up restart, and whether it is idle:
    /// no send for <see cref="PacingOptions.IdleFlagAfter"/> (one that never sent counts from its registration).
    /// </summary>
    public async Task<SenderToday> TodayAsync(Sender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var now = clock.Now();
        var today = await senders.TodayAsync(sender, now.InZone(sender.Settings.TimeZone).Date, cancellationToken);
        var since = today.LastSentAt ?? sender.CreatedAt;
        return today with { Idle = now - since > Duration.FromTimeSpan(pacingOptions.Value.IdleFlagAfter) };
    }

    /// <summary>
    /// Asks the gateway and records what it said with narrow writes: a repaired key, the state (guarded by the state read),
    /// the linked number once it is known (unless another live sender holds it: then the state's reason says so and the
    /// sender has no number, so it cannot send), and the instance key of a sender stored before there was one.
    /// </summary>
    private async Task<Sender> RefreshAsync(Sender sender, CancellationToken cancellationToken)
    {
        var updated = sender;
        try
        {
            var state = await StateWithRepairAsync(sender, cancellationToken);
            updated = WithState(updated with { ProtectedInstanceKey = state.ProtectedKey }, ToSenderState(state.State), null);
        }
        catch (GatewayException ex) when (ex.Failure == GatewayFailure.Unauthorized)
        {
            SenderLog.KeyRefused(logger, sender.Id.Value);
            updated = WithState(updated, SenderState.Unauthorized, "The gateway refused the instance key; register the gateway's master key or update instanceApiKey.");
        }
        catch (GatewayException ex) when (ex.Failure == GatewayFailure.NotFound)
        {
            updated = WithState(updated, SenderState.Close, $"The gateway has no instance '{sender.Instance}' any more.");
        }
        catch (GatewayException ex)
        {
            updated = WithState(updated, SenderState.Unreachable, $"The gateway could not be asked ({ex.Failure}).");
        }

        if (updated.ProtectedInstanceKey != sender.ProtectedInstanceKey)
        {
            await senders.UpdateKeyAsync(sender.Id, updated.ProtectedInstanceKey, cancellationToken);
        }

        if (updated.State == SenderState.Open && updated.Phone is null
            && await LinkedNumberAsync(Target(updated), cancellationToken) is { } phone)
        {
            if (await senders.LinkNumberAsync(sender.Id, phone, cancellationToken))
            {
                updated = updated with { Phone = phone };
            }
            else
            {
                updated = WithState(updated, SenderState.Open, SenderConflicts.NumberHeldReason);
                SenderLog.NumberHeld(logger, sender.Id.Value);
            }
        }

        if (!await senders.SetInstanceEndpointAsync(sender.Id, InstanceEndpoint.Of(sender.GatewayUrl, sender.Instance), cancellationToken))
        {
            await senders.PauseAsync(sender.Tenant, sender.Id, SenderConflicts.InstanceHeldReason, clock.Now(), cancellationToken);
        }

        if ((updated.State, updated.StateReason) != (sender.State, sender.StateReason)
            && await senders.RecordStateAsync(sender.Id, sender.State, updated.State, updated.StateReason, updated.StateChangedAt, cancellationToken))
        {
            SenderLog.StateChanged(logger, sender.Id.Value, updated.State, updated.StateReason);
        }

        return await senders.FindAsync(sender.Tenant, sender.Id, cancellationToken) ?? updated;
    }

    /// <summary>
    /// The connection state; on 401, when the sender's gateway is registered with its master key, reads the instance's
    /// current token (<c>fetchInstances</c>), and asks once more with it. Throws the last <see cref="GatewayException"/>.
    /// </summary>
    private async Task<(InstanceConnectionState State, string ProtectedKey)> StateWithRepairAsync(Sender sender, CancellationToken cancellationToken)
    {
        try
        {
            return (await gateway.GetConnectionStateAsync(Target(sender), cancellationToken), sender.ProtectedInstanceKey);
        }
        catch (GatewayException ex) when (ex.Failure == GatewayFailure.Unauthorized && sender.GatewayId is { } gatewayId)
        {
            var registered = await gateways.FindAsync(sender.Tenant, gatewayId, cancellationToken);
            if (registered is null)
            {
                throw;
            }

            var fetched = await gateway.FetchInstancesAsync(
                new GatewayServer(registered.Url, secrets.Unprotect(registered.ProtectedApiKey)), sender.Instance, cancellationToken);
            var token = fetched.FirstOrDefault(i => i.InstanceName == sender.Instance)?.InstanceToken;
            if (string.IsNullOrEmpty(token))
            {
                throw;
            }

            var state = await gateway.GetConnectionStateAsync(new GatewayTarget(sender.GatewayUrl, sender.Instance, token), cancellationToken);
            SenderLog.KeyRepaired(logger, sender.Id.Value);
            return (state, secrets.Protect(token));
        }
    }

    private async Task<Result<string>> ObtainKeyAsync(
        RegisterSender command, RegisteredGateway? registered, Uri url, string instance, CancellationToken cancellationToken)
    {
        if (registered is null)
        {
            return command.InstanceApiKey!.Trim();
        }

        var server = new GatewayServer(url, secrets.Unprotect(registered.ProtectedApiKey));
        try
        {
            if (command.CreateInstance)
            {
                var created = await gateway.CreateInstanceAsync(server, new CreateInstanceRequest(instance), cancellationToken);
                return created.Hash is { Length: > 0 } token
                    ? token
                    : new Error("sender.no_token", "The gateway created the instance but answered no token for it.", "instance");
            }

            if (!string.IsNullOrWhiteSpace(command.InstanceApiKey))
            {
                return command.InstanceApiKey.Trim();
            }

            var fetched = await gateway.FetchInstancesAsync(server, instance, cancellationToken);
            return fetched.FirstOrDefault(i => i.InstanceName == instance)?.InstanceToken is { Length: > 0 } current
                ? current
                : new Error("sender.no_token", $"The gateway has no token for instance '{instance}'.", "instance");
        }
        catch (GatewayException ex)
        {
            return Problem(ex, url, instance, "gatewayId");
        }
    }

    private async Task<string?> LinkedNumberAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var instances = await gateway.FetchInstancesAsync(new GatewayServer(target.BaseUrl, target.ApiKey), target.Instance, cancellationToken);
            var instance = instances.FirstOrDefault(i => i.InstanceName == target.Instance);
            return SenderTimeZones.NumberOfJid(instance?.OwnerJid) ?? SenderTimeZones.NumberOfJid(instance?.Number);
        }
        catch (GatewayException)
        {
            return null; // the number is a nicety (time zone, display): a gateway that will not tell it is no reason to fail
        }
    }

    private GatewayTarget Target(Sender sender) =>
        new(sender.GatewayUrl, sender.Instance, secrets.Unprotect(sender.ProtectedInstanceKey));

    private Sender WithState(Sender sender, SenderState state, string? reason) =>
        sender.State == state && sender.StateReason == reason
            ? sender
            : sender with { State = state, StateReason = reason, StateChangedAt = clock.Now() };

    private static SenderSettings? CreateSettings(string zone, LocalDate activatedOn, RegisterSender command, Dictionary<string, string[]> errors)
    {
        var result = SenderSettings.Create(
            zone, command.ActivatedOn ?? activatedOn, command.DailyCapMin, command.DailyCapMax,
            command.MinIntervalMs, command.JitterMinMs, command.JitterMaxMs);
        Merge(result, errors);
        return result.IsSuccess ? result.Value : null;
    }

    private static void Merge<T>(Result<T> result, Dictionary<string, string[]> errors)
    {
        if (!result.IsSuccess && result.Error.Details.TryGetValue("errors", out var found) && found is IReadOnlyDictionary<string, string[]> fields)
        {
            foreach (var (field, messages) in fields)
            {
                errors[field] = messages;
            }
        }
    }

    private static Uri? ParseGatewayUrl(string? text, Dictionary<string, string[]> errors)
    {
        if (GatewayServer.TryParseBaseUrl(text, out var url))
        {
            return url;
        }

        errors["gatewayUrl"] = [$"'{text}' is not a gateway URL: give an absolute http(s) URL such as https://evolution.example.com, without credentials or query."];
        return null;
    }

    /// <summary>The sender state a gateway connection state means (the webhook's <c>connection.update</c> reads it too).</summary>
    internal static SenderState ToSenderState(InstanceConnectionState state) => state switch
    {
        InstanceConnectionState.Open => SenderState.Open,
        InstanceConnectionState.Connecting => SenderState.Connecting,
        InstanceConnectionState.Close or InstanceConnectionState.Refused => SenderState.Close,
        _ => SenderState.Unknown,
    };

    private static Error NotFound() => CommonErrors.NotFound("sender");

    /// <summary>A gateway failure during registration, as a problem naming the field the user can fix.</summary>
    private static Error Problem(GatewayException ex, Uri url, string instance, string keyField)
    {
        var said = ex.GatewayMessages.Count > 0 ? $": {string.Join("; ", ex.GatewayMessages)}" : "";
        return ex.Failure switch
        {
            GatewayFailure.Unauthorized => new Error("sender.key_refused", $"The gateway at {url} refused the API key (401){said}.", keyField),
            GatewayFailure.NotFound => new Error("sender.no_instance", $"The gateway at {url} has no instance '{instance}'.", "instance"),
            GatewayFailure.Forbidden => new Error("sender.refused", $"The gateway at {url} refused{said}.", "instance"),
            GatewayFailure.Unreachable or GatewayFailure.Timeout or GatewayFailure.ConnectionLost or GatewayFailure.CircuitOpen =>
                new Error("sender.unreachable", $"The gateway at {url} could not be reached ({ex.Failure}).", "gatewayUrl"),
            _ => new Error("sender.gateway_error", $"The gateway at {url} answered {(ex.StatusCode is { } s ? (int)s : 0)} ({ex.Failure}){said}.", "gatewayUrl"),
        };
    }
}
