using QRCoder;

namespace Liwater.Dashboard.Residents;

/// <summary>QR codes drawn in the app (QRCoder, no network) as scalable SVG, sharp at any print size.</summary>
public static class QrCodes
{
    /// <summary>An SVG QR code of <paramref name="url"/> with error correction M (a sheet may get scuffed).</summary>
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The short address printed beside a building's code.</summary>
    public static string ReportUrl(string baseUrl, string code) => $"{baseUrl}/r/{code}";
}
