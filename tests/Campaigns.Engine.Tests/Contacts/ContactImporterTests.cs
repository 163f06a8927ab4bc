using System.Text;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Suppressions;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;
using Npgsql;

namespace Campaigns.Engine.Tests.Contacts;

public sealed class ContactImporterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("0712 345 678")]
    [InlineData("0712345678")]
    [InlineData("712345678")]
    [InlineData("254712345678")]
    [InlineData("+254712345678")]
    [InlineData("+254 712 345 678")]
    [InlineData("(0712) 345-678")]
    [InlineData("+254 0712345678")]
    public async Task Import_KenyanSpellings_StoresE164(string spelling)
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, $"name,phone\nAnn,\"{spelling}\"\n");

        var contacts = await lists.ContactsAsync(list.Id, 10, null, Cancel);
        Assert.Equal("+254712345678", Assert.Single(contacts).Phone);
    }

    [Fact]
    public async Task Import_ForeignNumberWithCountryCode_KeepsItsCountry()
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, "name,phone\nSam,+44 7911 123456\nJoe,+1 415 555 2671\n");

        var phones = (await lists.ContactsAsync(list.Id, 10, null, Cancel)).Select(c => c.Phone);
        Assert.Equal(["+14155552671", "+447911123456"], phones);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public async Task Import_Delimiter_IsDetected(string delimiter)
    {
        var (tenant, importer, lists) = await CreateSutAsync();
        var csv = $"first_name{delimiter}phone{delimiter}city\nAnn{delimiter}0712345678{delimiter}Nairobi\nBob{delimiter}0722000111{delimiter}Mombasa\n";

        var list = await ImportAsync(importer, tenant, csv);

        Assert.Equal(["first_name", "phone", "city"], list.Columns);
        Assert.Equal(2, list.Imported);
        var ann = (await lists.ContactsAsync(list.Id, 10, null, Cancel)).Single(c => c.Phone == "+254712345678");
        Assert.Equal("Nairobi", ann.Fields["city"]);
    }

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "utf-8", Encoding.UTF8.GetBytes(SampleWithAccents) },
        { "utf-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SampleWithAccents)] },
        { "utf-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(SampleWithAccents)] },
        { "utf-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(SampleWithAccents)] },
        { "windows-1252 (Excel)", CodePage1252(SampleWithAccents) },
    };

    private const string SampleWithAccents = "Prénom,Téléphone,Ville\nJosé,0712345678,Nyeri – Kenya\n";

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Import_Encoding_IsReadCorrectly(string encoding, byte[] bytes)
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant, phoneColumn: "Téléphone"), new MemoryStream(bytes), Cancel);

        Assert.True(result.IsSuccess, encoding);
        Assert.Equal(["Prénom", "Téléphone", "Ville"], result.Value.Columns);
        var contact = Assert.Single(await lists.ContactsAsync(result.Value.Id, 10, null, Cancel));
        Assert.Equal("José", contact.Fields["Prénom"]);
        Assert.Equal("Nyeri – Kenya", contact.Fields["Ville"]);
    }

    [Fact]
    public async Task Import_QuotedFieldsWithDelimitersQuotesAndNewlines_ReportPhysicalLines()
    {
        var (tenant, importer, lists) = await CreateSutAsync();
        var csv =
            "name,phone,note\r\n" +                              // line 1
            "\"Smith, Ann\",0712345678,\"said \"\"hi\"\"\"\r\n" + // line 2
            "Bob,0722000111,\"two\nline note\"\r\n" +             // lines 3-4
            "Cy,not a number,x\r\n" +                             // line 5
            "\r\n" +                                              // line 6, blank
            "Di,0712,\"three\r\nline\r\nnote\"\r\n" +             // lines 7-9
            "Ed,12,y\n";                                          // line 10

        var list = await ImportAsync(importer, tenant, csv);

        Assert.Equal(5, list.Rows);
        Assert.Equal(2, list.Imported);
        var errors = await ErrorsAsync(lists, list);
        Assert.Equal([5, 7, 10], errors.Select(e => e.Line));
        var contacts = await lists.ContactsAsync(list.Id, 10, null, Cancel);
        Assert.Equal("Smith, Ann", contacts.Single(c => c.Line == 2).Fields["name"]);
        Assert.Equal("said \"hi\"", contacts.Single(c => c.Line == 2).Fields["note"]);
        Assert.Equal("two\nline note", contacts.Single(c => c.Line == 3).Fields["note"]);
    }

    [Fact]
    public async Task Import_BlankLinesAndBareSeparatorLines_AreSkippedAndNotCounted()
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, "\n\nname,phone\n\nAnn,0712345678\n,\n\n   \nBob,0722000111\n\n");

        Assert.Equal(2, list.Rows);
        Assert.Equal(2, list.Imported);
        Assert.Equal(0, list.Invalid);
    }

    [Fact]
    public async Task Import_RaggedRows_AreReportedNotFatal()
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, "name,phone,city\nAnn,0712345678,Nairobi\nBob,0722000111\nCy,0733000111,Kisumu,extra\nDi,0744000111,Nakuru,,\n");

        Assert.Equal(4, list.Rows);
        Assert.Equal(2, list.Imported); // Ann, and Di whose extra fields are empty
        var errors = await ErrorsAsync(lists, list);
        Assert.Equal([3, 4], errors.Select(e => e.Line));
        Assert.Contains("2 fields", errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("4 fields", errors[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Phone Number")]
    [InlineData("MSISDN")]
    [InlineData("mobile_no")]
    [InlineData("WhatsApp")]
    [InlineData("Cell")]
    [InlineData("Tel")]
    public async Task Import_PhoneColumn_IsFoundByName(string header)
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, $"Name,{header},City\nAnn,0712345678,Nairobi\n");

        Assert.Equal(header, list.PhoneColumn);
        Assert.Equal(1, list.Imported);
    }

    [Fact]
    public async Task Import_PhoneColumnNamedByCaller_IsUsed()
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var result = await importer.ImportAsync(
            Request(tenant, phoneColumn: "alt number"), Stream("phone,Alt Number\n0712345678,0722000111\n"), Cancel);

        Assert.Equal("Alt Number", result.Value.PhoneColumn);
        var contact = Assert.Single(await lists.ContactsAsync(result.Value.Id, 10, null, Cancel));
        Assert.Equal("+254722000111", contact.Phone);
        Assert.Equal("0712345678", contact.Fields["phone"]);
    }

    [Fact]
    public async Task Import_NoPhoneColumn_FailsListingTheColumns()
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant), Stream("name,city\nAnn,Nairobi\n"), Cancel);

        Assert.Equal("import.no_phone_column", result.Error.Code);
        Assert.Equal("phoneColumn", result.Error.Field);
        Assert.Equal(new[] { "name", "city" }, (IReadOnlyList<string>)result.Error.Details["columns"]!);
        Assert.Contains("'city'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RequestedPhoneColumnMissing_FailsNamingIt()
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant, phoneColumn: "mobile"), Stream("name,phone\nAnn,0712345678\n"), Cancel);

        Assert.Equal("import.phone_column_not_found", result.Error.Code);
        Assert.Contains("'mobile'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FileWithoutHeaderRow_SaysAHeaderIsRequired()
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant), Stream("Ann,0712345678\nBob,0722000111\n"), Cancel);

        Assert.Equal("import.no_header", result.Error.Code);
    }

    [Theory]
    [InlineData("", "import.empty")]
    [InlineData("\n\n", "import.empty")]
    [InlineData("name,phone\n", "import.no_rows")]
    [InlineData("name,phone,name\nA,0712345678,B\n", "import.duplicate_columns")]
    public async Task Import_UnusableFile_FailsWithReason(string csv, string code)
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant), Stream(csv), Cancel);

        Assert.Equal(code, result.Error.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })] // an .xlsx is a zip archive
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })]       // %PDF-
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x0A })]       // binary
    public async Task Import_NotCsv_IsRejected(byte[] bytes)
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant), new MemoryStream(bytes), Cancel);

        Assert.Equal("import.not_csv", result.Error.Code);
        Assert.Equal("file", result.Error.Field);
    }

    [Fact]
    public async Task Import_UnknownRegion_IsRejected()
    {
        var (tenant, importer, _) = await CreateSutAsync();

        var result = await importer.ImportAsync(Request(tenant, region: "XX"), Stream("phone\n0712345678\n"), Cancel);

        Assert.Equal("defaultRegion", result.Error.Field);
    }

    [Theory]
    [InlineData("hello", "letters")]
    [InlineData("0712", "too short")]
    [InlineData("0712345678901234", "too long")]
    [InlineData("020 2222222", "cannot be a mobile")]
    [InlineData("", "no phone number")]
    public async Task Import_UnusableNumber_IsReportedWithReason(string value, string reason)
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, $"name,phone\nAnn,0712345678\nBob,{value}\n");

        Assert.Equal(1, list.Invalid);
        var error = Assert.Single(await ErrorsAsync(lists, list));
        Assert.Equal(3, error.Line);
        Assert.Equal(value, error.Value ?? "");
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DuplicatesAcrossBatches_FirstWinsAndTheRestAreReported()
    {
        var (tenant, _, lists) = await CreateSutAsync();
        var importer = CreateImporter(batchSize: 2);
        var csv = "name,phone\nAnn,0712345678\nBob,0722000111\nAnn2,+254712345678\nCy,0733000111\nBob2,254722000111\nAnn3,712345678\n";

        var list = await ImportAsync(importer, tenant, csv);

        Assert.Equal((6, 3, 3), (list.Rows, list.Imported, list.Duplicates));
        var contacts = await lists.ContactsAsync(list.Id, 10, null, Cancel);
        Assert.Equal("Ann", contacts.Single(c => c.Phone == "+254712345678").Fields["name"]);
        Assert.Equal("Bob", contacts.Single(c => c.Phone == "+254722000111").Fields["name"]);
        var errors = await ErrorsAsync(lists, list);
        Assert.Equal([(4, "duplicate of line 2"), (6, "duplicate of line 3"), (7, "duplicate of line 2")], errors.Select(e => (e.Line, e.Reason)));
    }

    [Fact]
    public async Task Import_SuppressedNumbers_AreCountedAndNotImported()
    {
        var (tenant, importer, lists) = await CreateSutAsync();
        await new SuppressionStore(database.DataSource).AddAsync(tenant, ["+254722000111"], "manual", Cancel);

        var list = await ImportAsync(importer, tenant, "name,phone\nAnn,0712345678\nBob,0722 000 111\n");

        Assert.Equal((2, 1, 1), (list.Rows, list.Imported, list.Suppressed));
        Assert.Equal("+254712345678", Assert.Single(await lists.ContactsAsync(list.Id, 10, null, Cancel)).Phone);
        Assert.Equal((3, "on the suppression list"), (await ErrorsAsync(lists, list)).Select(e => (e.Line, e.Reason)).Single());
    }

    [Fact]
    public async Task Import_AnotherTenantsSuppression_DoesNotApply()
    {
        var (tenant, importer, _) = await CreateSutAsync();
        var (other, _) = await new TenantStore(database.DataSource).CreateAsync("other", Cancel);
        await new SuppressionStore(database.DataSource).AddAsync(other, ["+254712345678"], "manual", Cancel);

        var list = await ImportAsync(importer, tenant, "phone\n0712345678\n");

        Assert.Equal((1, 0), (list.Imported, list.Suppressed));
    }

    [Fact]
    public async Task Import_OtherColumns_AreKeptByHeaderName()
    {
        var (tenant, importer, lists) = await CreateSutAsync();

        var list = await ImportAsync(importer, tenant, "First Name,phone,Last Order,,plan\nAnn,0712345678,2026-01-05,x,\n");

        var contact = Assert.Single(await lists.ContactsAsync(list.Id, 10, null, Cancel));
        Assert.Equal(new Dictionary<string, string>
        {
            ["First Name"] = "Ann", ["Last Order"] = "2026-01-05", ["column_4"] = "x", ["plan"] = "",
        }, contact.Fields);
    }

    [Fact]
    public async Task DeleteList_OrItsTenant_DeletesItsContacts()
    {
        var (tenant, importer, lists) = await CreateSutAsync();
        var first = await ImportAsync(importer, tenant, "phone\n0712345678\n0722000111\n");
        var second = await ImportAsync(importer, tenant, "phone\n0733000111\n");

        Assert.True((await lists.DeleteAsync(tenant, first.Id, Cancel)).IsSuccess);
        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contacts where list_id = $1", first.Id.Value));
        Assert.Equal(1L, await CountAsync("select count(*) from campaigns.contacts where list_id = $1", second.Id.Value));

        await using (var deleteTenant = database.DataSource.CreateCommand("delete from campaigns.tenants where id = $1"))
        {
            deleteTenant.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
            await deleteTenant.ExecuteNonQueryAsync(Cancel);
        }

        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contacts where list_id = $1", second.Id.Value));
    }

    [Fact]
    public async Task Import_StreamFailsHalfway_LeavesNothingBehind()
    {
        var (tenant, _, _) = await CreateSutAsync();
        var importer = CreateImporter(batchSize: 10);
        var content = new FailingStream(LargeCsv(), failAfter: 200_000);

        await Assert.ThrowsAsync<IOException>(() => importer.ImportAsync(Request(tenant), content, Cancel));

        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contact_lists where tenant_id = $1", tenant));
        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contacts c join campaigns.contact_lists l on l.id = c.list_id where l.tenant_id = $1", tenant));
    }

    [Fact]
    public async Task Import_Cancelled_LeavesNothingBehind()
    {
        var (tenant, _, _) = await CreateSutAsync();
        var importer = CreateImporter(batchSize: 10);
        using var cancellation = new CancellationTokenSource();
        var content = new FailingStream(LargeCsv(), failAfter: int.MaxValue, onRead: cancellation.Cancel, cancelAfter: 200_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(Request(tenant), content, cancellation.Token));

        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contact_lists where tenant_id = $1", tenant));
    }

    [Fact]
    public async Task Import_ManyBatches_CountsEveryRow()
    {
        var (tenant, _, _) = await CreateSutAsync();
        var importer = CreateImporter(batchSize: 100);
        var rows = string.Concat(Enumerable.Range(0, 2500).Select(i => $"n{i},07{10000000 + i}\n"));

        var list = await ImportAsync(importer, tenant, "name,phone\n" + rows + "bad,123\n");

        Assert.Equal((2501, 2500, 1), (list.Rows, list.Imported, list.Invalid));
        Assert.Equal(2500L, await CountAsync("select count(*) from campaigns.contacts where list_id = (select id from campaigns.contact_lists where tenant_id = $1)", tenant));
    }

    [Fact]
    public async Task Import_FilterFullOfFalsePositives_StillStoresEveryNumberExactlyOnce()
    {
        var (tenant, _, lists) = await CreateSutAsync();
        await new SuppressionStore(database.DataSource).AddAsync(tenant, ["+254700000007"], "manual", Cancel);
        // A filter sized for 10 numbers answers "maybe seen" for most of 30,000: most rows take the checked path.
        var importer = new ContactImporter(database.DataSource, new FakeClock(NodaTime.Instant.FromUtc(2026, 11, 26, 10, 0)), NullLogger<ContactImporter>.Instance)
        {
            BatchSize = 5_000,
            ExpectedNumbers = 10,
        };
        var rows = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"n{i},07{i:D8}\n"));
        var repeats = string.Concat(Enumerable.Range(0, 100).Select(i => $"again{i},+2547{i * 3:D8}\n"));

        var list = await ImportAsync(importer, tenant, "name,phone\n" + rows + repeats);

        Assert.Equal((30_100, 29_999, 100, 1), (list.Rows, list.Imported, list.Duplicates, list.Suppressed));
        var stored = await CountAsync("select count(distinct phone) from campaigns.contacts where list_id = (select id from campaigns.contact_lists where tenant_id = $1)", tenant);
        Assert.Equal(29_999L, stored);
        var first = (await lists.ContactsAsync(list.Id, 1, "+254700000002", Cancel)).Single();
        Assert.Equal(("+254700000003", "n3"), (first.Phone, first.Fields["name"]));
    }

    private async Task<(TenantId Tenant, ContactImporter Importer, ContactListStore Lists)> CreateSutAsync()
    {
        var (tenant, _) = await new TenantStore(database.DataSource).CreateAsync("test", Cancel);
        return (tenant, CreateImporter(), new ContactListStore(database.DataSource));
    }

    private ContactImporter CreateImporter(int batchSize = 20_000) =>
        new(database.DataSource, new FakeClock(NodaTime.Instant.FromUtc(2026, 11, 26, 10, 0)), NullLogger<ContactImporter>.Instance)
        {
            BatchSize = batchSize,
        };

    private static ContactImportRequest Request(TenantId tenant, string region = "KE", string? phoneColumn = null) =>
        new(tenant, null, "contacts.csv", region, phoneColumn);

    private static async Task<ContactList> ImportAsync(ContactImporter importer, TenantId tenant, string csv)
    {
        var result = await importer.ImportAsync(Request(tenant), Stream(csv), Cancel);
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Message);
        return result.Value;
    }

    private static async Task<List<ImportRowError>> ErrorsAsync(ContactListStore lists, ContactList list)
    {
        var errors = new List<ImportRowError>();
        await foreach (var error in lists.ErrorsAsync(list.Id, Cancel))
        {
            errors.Add(error);
        }

        return errors;
    }

    private Task<long> CountAsync(string sql, TenantId tenant) => CountAsync(sql, tenant.Value);

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    /// <summary>About 500 KB: larger than the sniffer's look-ahead and the reader's buffer, so the failure comes mid-import.</summary>
    private static byte[] LargeCsv() =>
        Encoding.UTF8.GetBytes("name,phone\n" + string.Concat(Enumerable.Range(0, 25_000).Select(i => $"n{i},07{10000000 + i}\n")));

    private static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));

    private static byte[] CodePage1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    /// <summary>A seekable stream over bytes that throws (or calls <c>onRead</c>) once a number of bytes have been read.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfter, Action? onRead = null, int cancelAfter = int.MaxValue) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => Check(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Check(base.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Check(await base.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Check(await base.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        private int Check(int read)
        {
            // The sniffer reads the first 64 KB and rewinds; only reads past the given position count.
            if (Position > cancelAfter && Position < Length)
            {
                onRead?.Invoke();
            }

            return Position > failAfter && Position < Length ? throw new IOException("The connection was reset.") : read;
        }
    }
}
