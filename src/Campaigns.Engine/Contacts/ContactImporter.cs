using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading.Channels;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Engine.Database;
using CsvHelper;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Contacts;

/// <summary>
/// Imports a CSV upload into a new contact list, streaming: the file is read once, rows are parsed and
/// normalised on one thread while another copies finished batches into PostgreSQL by binary COPY.
/// A number that is certainly new (a fixed-size <see cref="PhoneFilter"/> has not seen it, nor the tenant's
/// suppressions) is copied straight into the contacts table; the others, and the invalid rows, go through a temporary
/// staging table and one set-based insert per batch where PostgreSQL drops duplicates (first wins) and suppressed numbers.
/// Memory is bounded by two batches and the filters whatever the size of the file. The whole import is one
/// transaction: a failed or cancelled import leaves nothing behind.
/// </summary>
internal sealed class ContactImporter(NpgsqlDataSource dataSource, IClock clock, ILogger<ContactImporter> logger)
{
    /// <summary>Rows per COPY batch: large enough to amortise the per-batch statements, small enough to stay in memory.</summary>
    internal int BatchSize { get; init; } = 5_000;

    /// <summary>Rows between two progress lines in the log.</summary>
    private const int ProgressEvery = 100_000;

    /// <summary>How many numbers the duplicate filter is sized for; by default estimated from the file's length.</summary>
    internal long? ExpectedNumbers { get; init; }

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // The JSON goes to PostgreSQL, never into HTML: keep non-ASCII text as it is.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public async Task<Result<ContactList>> ImportAsync(
        ContactImportRequest request, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            return await ImportFileAsync(request, content, cancellationToken);
        }
        catch (CsvFormatException ex) // input CsvHelper refuses even in Recover mode: a record over MaxRecordSize
        {
            return ImportErrors.Malformed(ex.LineNumber, ex.Message); // the transaction was rolled back on dispose
        }
    }

    private async Task<Result<ContactList>> ImportFileAsync(
        ContactImportRequest request, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(content);

        if (!PhoneNormalizer.IsSupportedRegion(request.DefaultRegion))
        {
            return ImportErrors.UnknownRegion(request.DefaultRegion);
        }

        var region = request.DefaultRegion.ToUpperInvariant();
        var encoding = await CsvFileSniffer.SniffAsync(content, cancellationToken);
        if (!encoding.IsSuccess)
        {
            return encoding.Error;
        }

        var options = new CsvReaderOptions
        {
            Separator = null, // detected among , ; tab |
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // ragged rows are reported per line, not fatal
            MalformedData = CsvMalformedDataHandling.Recover,
            Encoding = encoding.Value,
            PoolStrings = false,
            MaxRecordSize = 1024 * 1024,
        };
        await using var reader = CsvReader.Create(content, options, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);

        var shape = CheckHeader(reader.Headers, request.PhoneColumn, region);
        if (!shape.IsSuccess)
        {
            return shape.Error;
        }

        var header = shape.Value;
        var list = new ContactList(
            ContactListId.New(),
            string.IsNullOrWhiteSpace(request.Name) ? request.FileName ?? "Contacts" : request.Name.Trim(),
            request.FileName,
            region,
            header.Columns[header.PhoneIndex],
            header.Columns,
            0, 0, 0, 0, 0,
            clock.Now());

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await StoreAsync(
            connection,
            list,
            request,
            content.Length / 16, // a contact row is rarely under 16 bytes
            (seen, suppressions, output, token) => ProduceAsync(reader, header, region, seen, suppressions, output, token),
            cancellationToken);
        if (stored.Rows == 0)
        {
            return ImportErrors.NoDataRows(header.Columns); // the transaction is rolled back on dispose
        }

        await transaction.CommitAsync(cancellationToken);
        ContactImportLog.Imported(logger, stored.Id.Value, stored.Rows, stored.Imported, stored.Invalid, stored.Duplicates, stored.Suppressed);
        return stored;
    }

    /// <summary>
    /// Imports rows given in memory (a bulk send's recipients) into a new list, exactly as a file's rows: each number
    /// normalised, invalid, duplicate and suppressed rows counted and reported (<c>contact_import_errors</c>, the row's
    /// index as its line). The columns are <paramref name="phoneColumn"/> and <paramref name="fieldColumns"/>; a field a
    /// row does not give is empty, as a short cell of a file. Runs in the transaction open on <paramref name="connection"/>,
    /// which the caller commits or rolls back: the list can be created together with what uses it.
    /// </summary>
    public async Task<ContactList> ImportRowsAsync(
        NpgsqlConnection connection,
        ContactImportRequest request,
        string phoneColumn,
        IReadOnlyList<string> fieldColumns,
        IReadOnlyList<ContactRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fieldColumns);
        ArgumentNullException.ThrowIfNull(rows);
        if (!PhoneNormalizer.IsSupportedRegion(request.DefaultRegion))
        {
            throw new ArgumentException($"'{request.DefaultRegion}' is not a supported region: check it first.", nameof(request));
        }

        var region = request.DefaultRegion.ToUpperInvariant();
        var list = new ContactList(
            ContactListId.New(),
            string.IsNullOrWhiteSpace(request.Name) ? "Contacts" : request.Name.Trim(),
            request.FileName,
            region,
            phoneColumn,
            [phoneColumn, .. fieldColumns],
            0, 0, 0, 0, 0,
            clock.Now());
        var stored = await StoreAsync(
            connection,
            list,
            request,
            rows.Count,
            (seen, suppressions, output, token) => ProduceRowsAsync(rows, fieldColumns, region, seen, suppressions, output, token),
            cancellationToken);
        ContactImportLog.Imported(logger, stored.Id.Value, stored.Rows, stored.Imported, stored.Invalid, stored.Duplicates, stored.Suppressed);
        return stored;
    }

    /// <summary>
    /// Creates <paramref name="list"/> and stores the rows <paramref name="produce"/> writes, in the transaction open on
    /// <paramref name="connection"/> (not committed here): parsing and normalising run on one thread while this one
    /// COPYs finished batches, memory bounded by two batches and the filters.
    /// </summary>
    /// <param name="expectedNumbers">How many numbers the duplicate filter is sized for, unless <see cref="ExpectedNumbers"/> says.</param>
    private async Task<ContactList> StoreAsync(
        NpgsqlConnection connection,
        ContactList list,
        ContactImportRequest request,
        long expectedNumbers,
        Func<PhoneFilter, PhoneFilter?, ChannelWriter<StagingBatch>, CancellationToken, Task> produce,
        CancellationToken cancellationToken)
    {
        await PrepareAsync(connection, list, request, cancellationToken);
        var suppressions = await LoadSuppressionsAsync(connection, request, cancellationToken);

        // Parsing and phone normalisation are CPU work; COPY is PostgreSQL's: both run at once, memory bounded.
        var seen = new PhoneFilter(ExpectedNumbers ?? expectedNumbers);
        var counts = new ImportCounts();
        await BatchPipeline.RunAsync<StagingBatch>(
            (output, token) => produce(seen, suppressions, output, token),
            async (batch, token) =>
            {
                var before = counts.Rows;
                await StoreBatchAsync(connection, list, request, batch, suppressions is not null, counts, token);
                if (counts.Rows / ProgressEvery > before / ProgressEvery)
                {
                    ContactImportLog.Progress(logger, list.Id.Value, counts.Rows, counts.Imported);
                }
            },
            cancellationToken);
        var stored = list with
        {
            Rows = counts.Rows,
            Imported = counts.Imported,
            Invalid = counts.Invalid,
            Duplicates = counts.Duplicates,
            Suppressed = counts.Suppressed,
        };
        await using var update = new NpgsqlCommand(
            """
            update campaigns.contact_lists
               set row_count = $2, imported = $3, invalid = $4, duplicates = $5, suppressed = $6
             where id = $1
            """, connection);
        update.Parameters.Add(new() { Value = stored.Id.Value });
        update.Parameters.Add(new() { Value = stored.Rows });
        update.Parameters.Add(new() { Value = stored.Imported });
        update.Parameters.Add(new() { Value = stored.Invalid });
        update.Parameters.Add(new() { Value = stored.Duplicates });
        update.Parameters.Add(new() { Value = stored.Suppressed });
        await update.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    private static Result<HeaderShape> CheckHeader(IReadOnlyList<string> headers, string? requestedPhoneColumn, string region)
    {
        if (headers.Count == 0)
        {
            return ImportErrors.Empty();
        }

        var columns = ContactFieldName.FromHeaders(headers);
        var duplicates = ContactFieldName.Duplicates(columns);
        if (duplicates.Count > 0)
        {
            return ImportErrors.DuplicateColumns(duplicates, columns);
        }

        var phoneIndex = PhoneColumn.Find(columns, requestedPhoneColumn);
        if (phoneIndex >= 0)
        {
            return new HeaderShape(columns, phoneIndex);
        }

        if (!string.IsNullOrWhiteSpace(requestedPhoneColumn))
        {
            return ImportErrors.PhoneColumnNotFound(requestedPhoneColumn, columns);
        }

        // A file without a header row has data in its first line: say so rather than "no phone column".
        return headers.Any(h => PhoneNormalizer.Normalize(h, region).IsSuccess)
            ? ImportErrors.HeaderLooksLikeData(columns)
            : ImportErrors.NoPhoneColumn(columns);
    }

    private static async Task PrepareAsync(
        NpgsqlConnection connection, ContactList list, ContactImportRequest request, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                // The per-batch insert sorts a batch by line; keep that sort in memory.
                new NpgsqlBatchCommand("set local work_mem = '64MB'"),
                new NpgsqlBatchCommand(
                    """
                    create temporary table import_staging (
                        line integer not null, phone text, raw text, reason text, fields jsonb
                    ) on commit drop
                    """),
                new NpgsqlBatchCommand(
                    """
                    insert into campaigns.contact_lists
                        (id, tenant_id, name, file_name, default_region, phone_column, columns, created_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = list.Id.Value },
                        new() { Value = request.Tenant.Value },
                        new() { Value = list.Name },
                        new() { Value = (object?)list.FileName ?? DBNull.Value },
                        new() { Value = list.DefaultRegion },
                        new() { Value = list.PhoneColumn },
                        new() { Value = list.Columns.ToArray() },
                        new() { Value = list.CreatedAt },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A filter of the tenant's suppressed numbers, or null when it has none.</summary>
    private static async Task<PhoneFilter?> LoadSuppressionsAsync(
        NpgsqlConnection connection, ContactImportRequest request, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("select count(*) from campaigns.suppressions where tenant_id = $1", connection);
        count.Parameters.Add(new() { Value = request.Tenant.Value });
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (total == 0)
        {
            return null;
        }

        var filter = new PhoneFilter(total);
        await using var numbers = new NpgsqlCommand("select phone from campaigns.suppressions where tenant_id = $1", connection);
        numbers.Parameters.Add(new() { Value = request.Tenant.Value });
        await using var reader = await numbers.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            filter.Add(reader.GetString(0));
        }

        return filter;
    }

    private async Task ProduceAsync(
        CsvReader reader,
        HeaderShape header,
        string region,
        PhoneFilter seen,
        PhoneFilter? suppressions,
        ChannelWriter<StagingBatch> output,
        CancellationToken cancellationToken)
    {
        var columnCount = header.Columns.Count;
        var names = header.Columns.Select(c => JsonEncodedText.Encode(c, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        var json = new ArrayBufferWriter<byte>(1024);
        await using var writer = new Utf8JsonWriter(json, JsonOptions);
        var batch = new StagingBatch(BatchSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (IsBlank(reader))
            {
                continue; // a line of bare separators (",,,,", as Excel writes them) or spaces is a blank line
            }

            var line = checked((int)reader.LineNumber);
            var fieldCount = reader.FieldCount;
            var phoneText = header.PhoneIndex < fieldCount ? Decode(reader.GetSpan(header.PhoneIndex)) : null;
            if (fieldCount < columnCount || (fieldCount > columnCount && !ExtraFieldsEmpty(reader, columnCount)))
            {
                batch.AddInvalid(line, phoneText, $"the row has {fieldCount} fields but the header has {columnCount}");
            }
            else
            {
                AddRow(batch, line, phoneText, region, seen, suppressions, () => WriteFields(reader, header, names, json, writer));
            }

            if (batch.IsFull)
            {
                await output.WriteAsync(batch, cancellationToken);
                batch = new StagingBatch(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            await output.WriteAsync(batch, cancellationToken);
        }
    }

    /// <summary>Normalises a row's number: invalid rows get the reason; a number certainly new goes straight to the contacts table.</summary>
    private static void AddRow(
        StagingBatch batch, int line, string? phoneText, string region, PhoneFilter seen, PhoneFilter? suppressions, Func<string> fields)
    {
        var normalized = PhoneNormalizer.Normalize(phoneText, region);
        if (!normalized.IsSuccess)
        {
            batch.AddInvalid(line, phoneText, normalized.Error.Message);
            return;
        }

        var phone = normalized.Value.Value;
        var certainlyNew = !seen.MayContain(phone) && suppressions?.MayContain(phone) != true;
        seen.Add(phone);
        batch.AddContact(line, phone, phoneText, fields(), certainlyNew);
    }

    private async Task ProduceRowsAsync(
        IReadOnlyList<ContactRow> rows,
        IReadOnlyList<string> fieldColumns,
        string region,
        PhoneFilter seen,
        PhoneFilter? suppressions,
        ChannelWriter<StagingBatch> output,
        CancellationToken cancellationToken)
    {
        var names = fieldColumns.Select(c => JsonEncodedText.Encode(c, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        var json = new ArrayBufferWriter<byte>(1024);
        await using var writer = new Utf8JsonWriter(json, JsonOptions);
        var batch = new StagingBatch(BatchSize);
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            AddRow(batch, index, row.Phone, region, seen, suppressions, () =>
            {
                json.ResetWrittenCount();
                writer.Reset(json);
                writer.WriteStartObject();
                for (var i = 0; i < names.Length; i++)
                {
                    writer.WriteString(names[i], row.Fields is { } fields && fields.TryGetValue(fieldColumns[i], out var value) && value is not null ? value : "");
                }

                writer.WriteEndObject();
                writer.Flush();
                return Encoding.UTF8.GetString(json.WrittenSpan);
            });
            if (batch.IsFull)
            {
                await output.WriteAsync(batch, cancellationToken);
                batch = new StagingBatch(BatchSize);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        if (batch.Count > 0)
        {
            await output.WriteAsync(batch, cancellationToken);
        }
    }

    private static string WriteFields(
        CsvReader reader, HeaderShape header, JsonEncodedText[] names, ArrayBufferWriter<byte> json, Utf8JsonWriter writer)
    {
        json.ResetWrittenCount();
        writer.Reset(json);
        writer.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            if (i == header.PhoneIndex)
            {
                continue;
            }

            var value = reader.GetSpan(i);
            if (Utf8.IsValid(value))
            {
                writer.WriteString(names[i], value);
            }
            else
            {
                writer.WriteString(names[i], Encoding.UTF8.GetString(value)); // invalid bytes become U+FFFD
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(json.WrittenSpan);
    }

    private static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.GetSpan(i).Trim(" \t"u8).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ExtraFieldsEmpty(CsvReader reader, int columnCount)
    {
        for (var i = columnCount; i < reader.FieldCount; i++)
        {
            if (!reader.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    private static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    private static async Task StoreBatchAsync(
        NpgsqlConnection connection,
        ContactList list,
        ContactImportRequest request,
        StagingBatch batch,
        bool hasSuppressions,
        ImportCounts counts,
        CancellationToken cancellationToken)
    {
        if (batch.DirectCount > 0)
        {
            await CopyAsync(connection, "copy campaigns.contacts (list_id, phone, line, fields) from stdin (format binary)", batch, direct: true, list, cancellationToken);
            counts.Imported += batch.DirectCount;
        }

        counts.Rows += batch.Count;
        var staged = batch.Count - batch.DirectCount;
        if (staged == 0)
        {
            return;
        }

        await CopyAsync(connection, "copy import_staging (line, phone, raw, reason, fields) from stdin (format binary)", batch, direct: false, list, cancellationToken);
        var notSuppressed = hasSuppressions
            ? "and not exists (select 1 from campaigns.suppressions x where x.tenant_id = $2 and x.phone = s.phone)"
            : "";
        await using var statements = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(
                    """
                    insert into campaigns.contact_import_errors (list_id, line, value, reason)
                    select $1, line, raw, reason from import_staging where reason is not null
                    """, list, request),
                Command(
                    hasSuppressions
                        ? """
                          insert into campaigns.contact_import_errors (list_id, line, value, reason)
                          select $1, s.line, s.raw, 'on the suppression list'
                            from import_staging s
                            join campaigns.suppressions x on x.tenant_id = $2 and x.phone = s.phone
                           where s.reason is null
                          """
                        : "select $1, $2 where false",
                    list, request),
                // First occurrence wins: rows go in in file order and a later duplicate is skipped by the primary key.
                Command(
                    $"""
                    insert into campaigns.contacts (list_id, phone, line, fields)
                    select $1, s.phone, s.line, s.fields
                      from import_staging s
                     where s.reason is null {notSuppressed}
                     order by s.line
                    on conflict (list_id, phone) do nothing
                    """, list, request),
            },
        };
        await statements.ExecuteNonQueryAsync(cancellationToken);
        var invalid = statements.BatchCommands[0].RecordsAffected;
        var suppressed = hasSuppressions ? statements.BatchCommands[1].RecordsAffected : 0;
        var inserted = statements.BatchCommands[2].RecordsAffected;
        var duplicates = staged - invalid - suppressed - inserted;
        if (duplicates > 0)
        {
            // Only batches that had duplicates pay for this join.
            await using var report = new NpgsqlCommand(
                """
                insert into campaigns.contact_import_errors (list_id, line, value, reason)
                select $1, s.line, s.raw, 'duplicate of ' || $2 || ' ' || c.line
                  from import_staging s
                  join campaigns.contacts c on c.list_id = $1 and c.phone = s.phone
                 where s.reason is null and c.line <> s.line
                """, connection);
            report.Parameters.Add(new() { Value = list.Id.Value });
            report.Parameters.Add(new() { Value = request.RowName });
            await report.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var truncate = new NpgsqlCommand("truncate import_staging", connection))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        counts.Invalid += (int)invalid;
        counts.Suppressed += (int)suppressed;
        counts.Imported += (int)inserted;
        counts.Duplicates += (int)duplicates;
    }

    /// <summary>Copies the rows of a batch that go <paramref name="direct"/>ly to the contacts table, or the others to staging.</summary>
    /// <remarks>
    /// Values are written synchronously: the importer's per-value async calls cost a Task each (four per row), which
    /// was most of the client's CPU; the writes only block when Npgsql's buffer is flushed, on this import's own
    /// connection and thread.
    /// </remarks>
    private static async Task CopyAsync(
        NpgsqlConnection connection, string copyCommand, StagingBatch batch, bool direct, ContactList list, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.Direct[i] != direct)
            {
                continue;
            }

            copy.StartRow();
            if (direct)
            {
                copy.Write(list.Id.Value, NpgsqlDbType.Uuid);
                copy.Write(batch.Phones[i]!, NpgsqlDbType.Text);
                copy.Write(batch.Lines[i], NpgsqlDbType.Integer);
                copy.Write(batch.Fields[i]!, NpgsqlDbType.Jsonb);
            }
            else
            {
                copy.Write(batch.Lines[i], NpgsqlDbType.Integer);
                WriteNullable(copy, batch.Phones[i], NpgsqlDbType.Text);
                WriteNullable(copy, batch.Raws[i], NpgsqlDbType.Text);
                WriteNullable(copy, batch.Reasons[i], NpgsqlDbType.Text);
                WriteNullable(copy, batch.Fields[i], NpgsqlDbType.Jsonb);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, ContactList list, ContactImportRequest request) => new(sql)
    {
        Parameters = { new() { Value = list.Id.Value }, new() { Value = request.Tenant.Value } },
    };

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private sealed record HeaderShape(IReadOnlyList<string> Columns, int PhoneIndex);

    private sealed class ImportCounts
    {
        public int Rows { get; set; }

        public int Imported { get; set; }

        public int Invalid { get; set; }

        public int Duplicates { get; set; }

        public int Suppressed { get; set; }
    }

    /// <summary>One batch of parsed rows on their way to the staging table: a row is a contact or has a reason.</summary>
    private sealed class StagingBatch(int capacity)
    {
        public int[] Lines { get; } = new int[capacity];

        public string?[] Phones { get; } = new string?[capacity];

        public string?[] Raws { get; } = new string?[capacity];

        public string?[] Reasons { get; } = new string?[capacity];

        public string?[] Fields { get; } = new string?[capacity];

        /// <summary>Whether the row's number is certainly new and goes straight to the contacts table.</summary>
        public bool[] Direct { get; } = new bool[capacity];

        public int Count { get; private set; }

        public int DirectCount { get; private set; }

        public bool IsFull => Count == Lines.Length;

        public void AddContact(int line, string phone, string? raw, string fields, bool direct)
        {
            Lines[Count] = line;
            Phones[Count] = phone;
            Raws[Count] = raw;
            Fields[Count] = fields;
            Direct[Count] = direct;
            DirectCount += direct ? 1 : 0;
            Count++;
        }

        public void AddInvalid(int line, string? raw, string reason)
        {
            Lines[Count] = line;
            Raws[Count] = raw;
            Reasons[Count] = reason;
            Count++;
        }
    }
}
