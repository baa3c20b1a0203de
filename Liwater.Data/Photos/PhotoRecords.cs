namespace Liwater.Data.Photos;

/// <summary>A photo after checking and re-encoding: the display size and thumbnail bytes, and what was uploaded.</summary>
public sealed record PhotoUpload
{
    /// <summary>Gets the type the content turned out to be (image/jpeg, image/png, image/webp).</summary>
    public string OriginalType { get; init; } = "";

    /// <summary>Gets the size of the uploaded file in bytes.</summary>
    public long OriginalBytes { get; init; }

    /// <summary>Gets the display image's width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Gets the display image's height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Gets the display-size JPEG (no metadata).</summary>
    public byte[] Display { get; init; } = [];

    /// <summary>Gets the thumbnail JPEG (no metadata).</summary>
    public byte[] Thumbnail { get; init; } = [];
}

/// <summary>One stored photo without its bytes, for a timeline.</summary>
public sealed record CasePhotoRow
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public long? EventId { get; init; }
    public string Source { get; init; } = "";
    public bool IsPublic { get; init; }
    public string OriginalType { get; init; } = "";
    public long OriginalBytes { get; init; }
    public long DisplayBytes { get; init; }
    public long ThumbnailBytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>Which stored size of a photo to send.</summary>
public enum PhotoSize
{
    Thumbnail,
    Display,
}
