namespace Triad.Learning.Data;

/// <summary>
/// Wraps a decompressing gzip stream and, when it reports the end, checks that the file really ended
/// with its trailer: the last 4 bytes of a complete gzip member are ISIZE, the decompressed length
/// mod 2^32 (RFC 1952, section 2.3.1).
/// </summary>
/// <remarks>
/// The runtime's GZipStream stops without error when the compressed data is cut short (the CRC and length
/// in the trailer are checked only when the trailer is there), so a truncated file would otherwise load
/// as a shorter one. A truncated file's last 4 bytes are compressed data, which match the decompressed
/// length with probability 2^−32. The check assumes a single gzip member, which is what gzip, pigz and
/// the data packages write; a file of several concatenated members is reported as truncated.
/// </remarks>
internal sealed class GzipTrailerCheckStream : Stream
{
    /// <summary>Smallest complete gzip file: 10-byte header, 2-byte empty deflate block, 8-byte trailer.</summary>
    private const int MinimumGzipLength = 20;

    private readonly Stream _decompressed;
    private readonly uint? _trailerLength;
    private long _position;
    private bool _checked;

    /// <param name="decompressed">The decompressing stream.</param>
    /// <param name="trailerLength">ISIZE from the file's last 4 bytes, or null if the file is too short to hold a trailer.</param>
    public GzipTrailerCheckStream(Stream decompressed, uint? trailerLength)
    {
        _decompressed = decompressed;
        _trailerLength = trailerLength;
    }

    /// <summary>Reads ISIZE from the last 4 bytes of <paramref name="file"/> (little-endian) and rewinds it.</summary>
    public static uint? ReadTrailerLength(FileStream file)
    {
        if (file.Length < MinimumGzipLength)
        {
            return null;
        }
        Span<byte> trailer = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        file.Position = 0;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _decompressed.Read(buffer);
        _position += read;
        if (read == 0 && buffer.Length > 0 && !_checked)
        {
            _checked = true;
            if (_trailerLength is null)
            {
                throw new InvalidDataException(
                    $"gzip file is truncated: it is shorter than the {MinimumGzipLength} bytes of the smallest complete gzip file");
            }
            if (_trailerLength != (uint)_position)
            {
                throw new InvalidDataException(
                    $"gzip file is truncated: its data ends after {_position} decompressed bytes without the trailer " +
                    $"(its last 4 bytes give the length as {_trailerLength})");
            }
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decompressed.Dispose();
        }
        base.Dispose(disposing);
    }
}
