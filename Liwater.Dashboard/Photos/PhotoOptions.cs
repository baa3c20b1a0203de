namespace Liwater.Dashboard.Photos;

/// <summary>Settings under <c>Liwater:Photos</c>: what an uploaded photo may be and the sizes kept.</summary>
public sealed class PhotoOptions
{
    public const string Section = "Liwater:Photos";

    /// <summary>Gets or sets the largest photo file accepted, in bytes. Defaults to 10 MB.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Gets or sets how many photos one upload (a report or an action) may carry. Defaults to 4.</summary>
    public int MaxPerUpload { get; set; } = 4;

    /// <summary>Gets or sets the largest image accepted, in megapixels (a decompression-bomb guard). Defaults to 50.</summary>
    public double MaxMegapixels { get; set; } = 50;

    /// <summary>Gets or sets the longest side of the display size, in pixels. Defaults to 1600.</summary>
    public int DisplayPixels { get; set; } = 1600;

    /// <summary>Gets or sets the longest side of the thumbnail, in pixels. Defaults to 320.</summary>
    public int ThumbnailPixels { get; set; } = 320;

    /// <summary>Gets or sets the JPEG quality of both stored sizes (1–100). Defaults to 80.</summary>
    public int JpegQuality { get; set; } = 80;

    /// <summary>The largest request body an upload may have: every photo at its limit plus the form's text.</summary>
    public long MaxRequestBytes => (MaxBytes * MaxPerUpload) + (256 * 1024);
}
