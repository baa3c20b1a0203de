using Liwater.Data.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Liwater.Dashboard.Photos;

/// <summary>Why a file was not accepted as a photo.</summary>
public enum PhotoRefusal
{
    None,
    TooLarge,
    NotAnImage,
    Heic,
    TooManyPixels,
}

/// <summary>
/// Checks an uploaded file by its content (never its name or declared type), and re-encodes it as a display size and a
/// thumbnail JPEG with ImageSharp: turned upright by its EXIF orientation, then every metadata profile (EXIF with
/// GPS, IPTC, XMP, ICC) dropped, so nothing but pixels is stored or shown.
/// </summary>
public sealed class PhotoProcessor(PhotoOptions options)
{
    private static readonly IImageFormat[] Accepted = [JpegFormat.Instance, PngFormat.Instance, WebpFormat.Instance];

    // ISO-BMFF brands of HEIF/HEIC photos (iPhones by default). ImageSharp 2.x cannot decode them.
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif"];

    public PhotoOptions Options => options;

    /// <summary>The photo ready to store, or why it was refused.</summary>
    public (PhotoUpload? Photo, PhotoRefusal Refusal) Process(byte[] data)
    {
        if (data.LongLength > options.MaxBytes)
        {
            return (null, PhotoRefusal.TooLarge);
        }

        if (IsHeif(data))
        {
            return (null, PhotoRefusal.Heic);
        }

        var format = Image.DetectFormat(data);
        if (format is null || !Accepted.Contains(format))
        {
            return (null, PhotoRefusal.NotAnImage);
        }

        try
        {
            var info = Image.Identify(data);
            if (info is null)
            {
                return (null, PhotoRefusal.NotAnImage);
            }

            if ((double)info.Width * info.Height > options.MaxMegapixels * 1_000_000)
            {
                return (null, PhotoRefusal.TooManyPixels);
            }

            using var image = Image.Load(data);
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            var display = Encode(image, options.DisplayPixels, out var width, out var height);
            var thumbnail = Encode(image, options.ThumbnailPixels, out _, out _);
            return (new PhotoUpload
            {
                OriginalType = format.DefaultMimeType,
                OriginalBytes = data.LongLength,
                Width = width,
                Height = height,
                Display = display,
                Thumbnail = thumbnail,
            }, PhotoRefusal.None);
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            return (null, PhotoRefusal.NotAnImage);
        }
    }

    private byte[] Encode(Image image, int longestSide, out int width, out int height)
    {
        using var copy = image.Clone(x =>
        {
            if (image.Width > longestSide || image.Height > longestSide)
            {
                x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(longestSide, longestSide) });
            }

            // Transparent PNG/WebP areas become white rather than JPEG's black.
            x.BackgroundColor(Color.White);
        });
        (width, height) = (copy.Width, copy.Height);
        copy.Metadata.ExifProfile = null;
        copy.Metadata.IptcProfile = null;
        copy.Metadata.XmpProfile = null;
        copy.Metadata.IccProfile = null;
        using var output = new MemoryStream();
        copy.SaveAsJpeg(output, new JpegEncoder { Quality = Math.Clamp(options.JpegQuality, 1, 100) });
        return output.ToArray();
    }

    private static bool IsHeif(byte[] data) =>
        data.Length >= 12 && data[4] == 'f' && data[5] == 't' && data[6] == 'y' && data[7] == 'p'
        && HeifBrands.Contains(System.Text.Encoding.ASCII.GetString(data, 8, 4));
}
