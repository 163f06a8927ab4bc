using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Sandbox.Instances;

/// <summary>
/// A QR-looking PNG for <c>qrcode.base64</c>: the three finder squares of a 25×25 QR code and modules drawn from a
/// hash of the code. It is a real PNG that a page can show, not a scannable code: there is no phone to scan it.
/// </summary>
internal static class QrImage
{
    private const int Modules = 25;
    private const int QuietZone = 4;
    private const int Scale = 6;

    public static string DataUrl(string code) => "data:image/png;base64," + Convert.ToBase64String(Png(code));

    public static byte[] Png(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var dark = Pattern(code);
        var size = (Modules + (2 * QuietZone)) * Scale;

        // 8-bit greyscale scanlines, each led by filter type 0.
        var raw = new byte[size * (size + 1)];
        for (var y = 0; y < size; y++)
        {
            var row = y * (size + 1);
            for (var x = 0; x < size; x++)
            {
                var mx = (x / Scale) - QuietZone;
                var my = (y / Scale) - QuietZone;
                var isDark = mx is >= 0 and < Modules && my is >= 0 and < Modules && dark[my, mx];
                raw[row + 1 + x] = isDark ? (byte)0 : (byte)255;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(png, "IDAT", compressed.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static bool[,] Pattern(string code)
    {
        var dark = new bool[Modules, Modules];
        var bits = SHA512.HashData(Encoding.UTF8.GetBytes(code));
        for (var y = 0; y < Modules; y++)
        {
            for (var x = 0; x < Modules; x++)
            {
                var bit = ((y * Modules) + x) % (bits.Length * 8);
                dark[y, x] = (bits[bit / 8] >> (bit % 8) & 1) == 1;
            }
        }

        foreach (var (top, left) in new[] { (0, 0), (0, Modules - 7), (Modules - 7, 0) })
        {
            for (var y = -1; y <= 7; y++)
            {
                for (var x = -1; x <= 7; x++)
                {
                    var (py, px) = (top + y, left + x);
                    if (py is < 0 or >= Modules || px is < 0 or >= Modules)
                    {
                        continue;
                    }

                    var ring = Math.Max(Math.Abs((2 * y) - 6), Math.Abs((2 * x) - 6)) / 2; // 0 centre … 3 edge, 4 separator
                    dark[py, px] = ring is <= 1 or 3;
                }
            }
        }

        return dark;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, data));
        png.Write(number);
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
