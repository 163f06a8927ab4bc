using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Renders a <see cref="MessageTemplate"/> for one recipient at a time, in the sandbox (<see cref="TemplateSandbox"/>),
/// under limits that count work, never time, so that whether a recipient's message renders does not depend on how
/// busy the machine is. Choices come from the recipient's hash under the campaign's seed, so the same recipient always
/// gets the same text. A failure is a value of one of two kinds: a <c>render.*</c> error skips the recipient (a
/// runtime error with its place, an empty text, a text too long, a shortener link from the contact's fields); a
/// <see cref="TemplateErrors.LimitExceeded"/> (<c>template.limit_exceeded</c>: loop iterations, recursion, output
/// size, choices, a regular expression's own match timeout) fails the template as a whole
/// (<see cref="IsTemplateFailure"/>). Not thread-safe: it reuses one Scriban context; use one renderer per thread.
/// </summary>
internal sealed class MessageRenderer
{
    private readonly MessageTemplate _template;
    private readonly Guid _seed;
    private readonly ChoiceSource _choices = new();
    private readonly ScriptObject _values = new();
    private readonly ScriptObject _scratch = new(); // what the template assigns; cleared after every render
    private TemplateContext _context = null!;

    /// <param name="seed">The campaign's seed (its id): the same seed gives every recipient the same choices.</param>
    public MessageRenderer(MessageTemplate template, Guid seed)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
        _seed = seed;
        CreateContext();
    }

    /// <summary>The recipient's own message: every choice from their hash. This is what preview shows.</summary>
    public Result<RenderedMessage> Render(TemplateRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        _choices.UseRecipient(ChoiceHash.ForRecipient(_seed, recipient.Phone));
        return RenderCore(recipient);
    }

    /// <summary>The message with the choices along <paramref name="path"/> (option 0 past its end), whoever the recipient.</summary>
    internal Result<RenderedMessage> Render(TemplateRecipient recipient, IReadOnlyList<int> path)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        _choices.UseForced(path);
        return RenderCore(recipient);
    }

    /// <summary>The choices the last render made, in order.</summary>
    internal IReadOnlyList<ChoicePoint> LastChoices => _choices.Trace;

    /// <summary>
    /// A key of the values the template reads for <paramref name="recipient"/>: recipients with the same key get the
    /// same body for the same choices.
    /// </summary>
    internal UInt128 DataKey(TemplateRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var variable in _template.Referenced)
        {
            var value = Value(variable, recipient);
            BinaryPrimitives.WriteInt32LittleEndian(length, value.Length); // lengths keep ("ab","c") apart from ("a","bc")
            hash.AppendData(length);
            hash.AppendData(Encoding.UTF8.GetBytes(value));
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>Whether <paramref name="error"/> from a render fails the template as a whole rather than one recipient.</summary>
    public static bool IsTemplateFailure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code == TemplateErrors.LimitExceededCode;
    }

    private Result<RenderedMessage> RenderCore(TemplateRecipient recipient)
    {
        var part = _template.Body;
        foreach (var variable in _template.Referenced)
        {
            _values.SetValue(variable.Name, Value(variable, recipient), readOnly: false);
        }

        string output;
        try
        {
            output = part.Script.Render(_context);
        }
        catch (ScriptRuntimeException e)
        {
            // Scriban wraps whatever a template's code throws; after a failure the context is not reused.
            CreateContext();
            var at = part.Locate(e.Span.Start.Offset);
            return TemplateLimit.Of(e, _template.Options) is { } limit
                ? TemplateErrors.LimitExceeded(part.Field, at, limit)
                : TemplateErrors.RenderFailed(part.Field, at, e.OriginalMessage);
        }
        finally
        {
            _scratch.Clear();
        }

        var text = MessageBody.Clean(output);
        if (text.Length == 0 && !part.AllowEmpty)
        {
            return TemplateErrors.RenderedEmpty(part.Field);
        }

        if (text.Length > part.Limit)
        {
            return TemplateErrors.RenderedTooLong(part.Field, text.Length, part.Limit);
        }

        if (_template.Shorteners.FirstHost(text) is { } host)
        {
            return TemplateErrors.RenderedShortener(part.Field, host);
        }

        return new RenderedMessage(text, MessageBody.Hash(text));
    }

    private static string Value(TemplateVariable variable, TemplateRecipient recipient) =>
        variable.Column is null ? recipient.Phone : recipient.Fields.GetValueOrDefault(variable.Column) ?? "";

    private void CreateContext()
    {
        _context = TemplateSandbox.CreateContext(TemplateSandbox.CreateBuiltins(_choices), _template.Options);
        _context.PushGlobal(_values);
        _context.PushGlobal(_scratch);
    }
}
