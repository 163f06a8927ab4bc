using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Senders;

/// <summary>
/// The senders page: a gateway registered, a new number linked by scanning the QR code the page shows (watched turning
/// open without a reload), pause and resume, a pause reason explained, a refused registration's 409, and a phone's width.
/// </summary>
public sealed partial class SendersPageTests(WebEnvironment env)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LinkNewNumber_QrScanned_ShowsOpenAndThePhoneWithoutAReload()
    {
        var tenant = await env.CreateTenantAsync("Linking team");
        var page = await env.OpenAsync(tenant, "/senders");
        await Expect(page.GetByText("No senders yet.")).ToBeVisibleAsync();

        await page.GetByText("Register a gateway").ClickAsync();
        await page.GetByLabel("Gateway name").FillAsync("Sandbox");
        await page.GetByLabel("Gateway URL").FillAsync(env.SandboxAddress.AbsoluteUri);
        await page.GetByLabel("Global API key").FillAsync(WebEnvironment.GlobalKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register gateway" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Registered gateways" })).ToContainTextAsync(env.SandboxAddress.AbsoluteUri);
        await Expect(page.GetByLabel("Global API key")).ToHaveValueAsync(""); // the key is not kept in the page

        await page.GetByRole(AriaRole.Link, new() { Name = "Link a new number" }).ClickAsync();
        var instance = $"link-{Guid.NewGuid():N}"[..13];
        await page.GetByLabel("Instance name").FillAsync(instance);
        await page.GetByLabel("Sender name").FillAsync("Web line");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and show the QR code" }).ClickAsync();

        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code to link Web line's WhatsApp" });
        await Expect(qr).ToHaveAttributeAsync("src", PngDataUrl());
        await Expect(page.GetByText(ExpiryText())).ToBeVisibleAsync();
        await Expect(page.Locator(".link-status")).ToContainTextAsync("connecting");
        await WebEnvironment.ScreenshotAsync(page, "sender-link");
        await WebEnvironment.AssertAccessibleAsync(page);

        // A reload would lose this marker: the page must see the scan by itself.
        await page.EvaluateAsync("window.stillTheSamePage = true");
        await env.ScanAsync(instance);

        var phone = page.Locator(".linked-phone");
        await Expect(phone).ToHaveTextAsync(KenyanNumber());
        await Expect(page.Locator(".link-status")).ToContainTextAsync("open");
        await Expect(qr).ToBeHiddenAsync();
        await Expect(page.Locator("#announcer")).ToHaveTextAsync($"Linked: Web line is open with {await phone.TextContentAsync()}.");
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"));

        var senders = await tenant.Api.GetFromJsonAsync<SenderPage>("/api/senders", Cancel);
        var sender = Assert.Single(senders!.Items);
        Assert.Equal(("open", instance, await phone.TextContentAsync()), (sender.State, sender.Instance, sender.Phone));
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task LinkView_SenderAlreadyOpen_ShowsItsPhoneAndNoQrCode()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, senderId) = await env.AddOpenSenderAsync(tenant);
        var phone = (await SenderAsync(tenant, senderId)).Phone;

        var page = await env.OpenAsync(tenant, $"/senders?link={senderId}");

        await Expect(page.Locator(".linked-phone")).ToHaveTextAsync(phone!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Link {instance}'s phone" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel linking" })).ToBeHiddenAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task PauseAndResume_FromItsCard_ChangeTheSenderAndSaySo()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, senderId) = await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(tenant, "/senders");
        var card = page.GetByRole(AriaRole.Article, new() { Name = instance });
        await Expect(card).ToContainTextAsync("Connected: it can send.");

        await card.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        await Expect(card).ToContainTextAsync("Paused by a person");
        await Expect(page.Locator("#announcer")).ToHaveTextAsync($"{instance} is paused.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeFocusedAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeHiddenAsync();
        // The cards are refreshed by polling; a refresh must leave the focus where it is. Polls run one after another,
        // so once the second has answered the first has been drawn.
        for (var poll = 0; poll < 2; poll++)
        {
            await page.WaitForResponseAsync(r => r.Url.Contains("/api/senders?", StringComparison.Ordinal));
        }

        Assert.Equal("Resume", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        Assert.Equal("paused by its user", (await SenderAsync(tenant, senderId)).Paused?.Reason);

        await card.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Expect(card).Not.ToContainTextAsync("Paused");
        await Expect(page.Locator("#announcer")).ToHaveTextAsync($"{instance} is resumed.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeFocusedAsync();
        Assert.Null((await SenderAsync(tenant, senderId)).Paused);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task ConnectionClosed_WhileThePageIsOpen_ShowsThePauseAndWhatItMeans()
    {
        var tenant = await env.CreateTenantAsync();
        var (open, _) = await env.AddOpenSenderAsync(tenant);
        var (closing, _) = await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(tenant, "/senders");
        var card = page.GetByRole(AriaRole.Article, new() { Name = closing });
        await Expect(card).ToContainTextAsync("Connected: it can send.");

        using (var sandbox = env.CreateSandboxClient())
        {
            using var closed = await sandbox.PostAsync($"/sandbox/instances/{closing}/close", null, Cancel);
            await WebEnvironment.ReadAsync(closed);
        }

        // The connection.update webhook pauses it; the page's polling shows it, with the reason in plain words.
        await Expect(card).ToContainTextAsync("Paused (close)");
        await Expect(card).ToContainTextAsync("Its WhatsApp connection closed (logged out, phone offline, or banned).");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("close");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Show QR code" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = open })).Not.ToContainTextAsync("Paused");
        await WebEnvironment.ScreenshotAsync(page, "senders");
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task ClearRestriction_Confirmed_EndsTheTimelockShownOnTheCard()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, senderId) = await env.AddOpenSenderAsync(tenant);
        // As dispatch records WhatsApp's 463 (SenderRestrictions): until tomorrow.
        await using (var restrict = env.DataSource.CreateCommand(
            "update campaigns.senders set restricted_until = now() + interval '1 day', restriction = 'reachout_timelock', restricted_at = now() where id = $1"))
        {
            restrict.Parameters.Add(new() { Value = senderId });
            Assert.Equal(1, await restrict.ExecuteNonQueryAsync(Cancel));
        }

        var page = await env.OpenAsync(tenant, "/senders");
        var card = page.GetByRole(AriaRole.Article, new() { Name = instance });
        await Expect(card).ToContainTextAsync("Reach-out timelock until");

        await card.GetByRole(AriaRole.Button, new() { Name = "Clear restriction" }).ClickAsync();
        var confirm = card.GetByRole(AriaRole.Button, new() { Name = "Yes, clear the restriction" });
        await Expect(confirm).ToBeFocusedAsync();
        Assert.NotNull((await SenderAsync(tenant, senderId)).Restriction); // nothing happens before the visitor says yes
        await confirm.ClickAsync();

        await Expect(card).Not.ToContainTextAsync("Reach-out timelock");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Clear restriction" })).ToBeHiddenAsync();
        await Expect(page.Locator("#announcer")).ToHaveTextAsync($"{instance}'s restriction is cleared.");
        Assert.Null((await SenderAsync(tenant, senderId)).Restriction);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task RegisterExistingInstance_AlreadyASender_ShowsThe409AtTheInstanceField()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, _) = await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(tenant, "/senders?add=existing");

        await page.GetByLabel("Gateway URL").FillAsync(env.SandboxAddress.AbsoluteUri);
        await page.GetByLabel("Instance name").FillAsync(instance);
        await page.GetByLabel("Instance API key").FillAsync("any-key");
        await page.GetByLabel("Sender name").FillAsync("Second try");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register sender" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Conflict");
        await Expect(alert).ToContainTextAsync("sender.instance_in_use");
        await Expect(alert).ToContainTextAsync("Pick another instance name.");
        await Expect(page.GetByLabel("Instance name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Instance name")).ToBeFocusedAsync();
        await Expect(page.GetByText($"Instance '{instance}' of {env.SandboxAddress.AbsoluteUri} is already registered")).ToBeVisibleAsync();
        var senders = await tenant.Api.GetFromJsonAsync<SenderPage>("/api/senders", Cancel);
        Assert.Single(senders!.Items);
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task SendersPage_OnAPhone_FitsItsWidthAndKeepsEveryAction()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, _) = await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(tenant, "/senders", WebEnvironment.Phone);
        var card = page.GetByRole(AriaRole.Article, new() { Name = instance });
        await Expect(card).ToContainTextAsync("Connected: it can send.");

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone.");
        foreach (var action in new[] { "Check connection", "Pause", "Delete" })
        {
            var box = await card.GetByRole(AriaRole.Button, new() { Name = action }).BoundingBoxAsync();
            Assert.True(box is { X: >= 0 } && box.X + box.Width <= WebEnvironment.Phone.Width, $"{action} is cut off: {box?.X} + {box?.Width}");
        }

        await card.GetByRole(AriaRole.Button, new() { Name = "Check connection" }).ClickAsync();
        await Expect(page.Locator("#announcer")).ToHaveTextAsync($"{instance}: open. Connected: it can send.");
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    private static async Task<SenderView> SenderAsync(Tenant tenant, Guid id) =>
        (await tenant.Api.GetFromJsonAsync<SenderView>($"/api/senders/{id}", Cancel))!;

    [GeneratedRegex("^data:image/png;base64,")]
    private static partial Regex PngDataUrl();

    [GeneratedRegex(@"^Code shown at .+; a new one in \d+ s\.$")]
    private static partial Regex ExpiryText();

    [GeneratedRegex(@"^\+2547\d{8}$")]
    private static partial Regex KenyanNumber();

    private sealed record SenderPage(IReadOnlyList<SenderView> Items);

    private sealed record SenderView(Guid Id, string Instance, string State, string? Phone, SenderPauseView? Paused, SenderRestrictionView? Restriction);

    private sealed record SenderRestrictionView(string Kind, DateTimeOffset Until);

    private sealed record SenderPauseView(string Reason);
}
