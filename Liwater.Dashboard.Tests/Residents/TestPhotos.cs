using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Liwater.Dashboard.Tests.Residents;

/// <summary>Real image files made in the test with ImageSharp (a phone photo with EXIF GPS, a PNG) and fake ones.</summary>
public static class TestPhotos
{
    /// <summary>A 3000×2000 JPEG of noise-like pixels (so it does not compress to nothing) carrying EXIF GPS and a camera model.</summary>
    public static byte[] JpegWithGps(int width = 3000, int height = 2000)
    {
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var v = (byte)((x * 7) ^ (y * 13) ^ (x * y));
                    row[x] = new Rgb24(v, (byte)(x / 12), (byte)(y / 8));
                }
            }
        });
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(23, 1), new Rational(12, 1), new Rational(3456, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(113, 1), new Rational(8, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.Model, "LiwaterTestPhone");
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 92 });
        return output.ToArray();
    }

    /// <summary>
    /// A JPEG of exactly <paramref name="bytes"/> bytes: an ImageSharp photo with data after its end marker, as phones
    /// write (a motion photo's video, a maker's trailer), so a large upload costs no large image to decode.
    /// </summary>
    public static byte[] JpegOfSize(int bytes)
    {
        var jpeg = JpegWithGps(1200, 800);
        var file = new byte[bytes];
        jpeg.CopyTo(file, 0);
        new Random(bytes).NextBytes(file.AsSpan(jpeg.Length));
        return file;
    }

    /// <summary>The first bytes of an iPhone HEIC file (an ISO-BMFF ftyp box with brand heic).</summary>
    public static byte[] HeicHeader() =>
        [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0, (byte)'m', (byte)'i', (byte)'f', (byte)'1', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 1, 2, 3, 4];

    /// <summary>A text file named like a photo.</summary>
    public static byte[] NotAnImage() => "这不是图片 <html>"u8.ToArray();
}
