namespace Liwater.Data.Cases;

/// <summary>Settings under <c>Liwater:Cases</c>: deadlines, categories and source channels.</summary>
public sealed class CaseOptions
{
    public const string Section = "Liwater:Cases";

    /// <summary>Gets or sets the deadline clocks. Defaults to the source's 5/10/15 minutes and 3/7/15 days.</summary>
    public DeadlineOptions Deadlines { get; set; } = new();

    /// <summary>Gets or sets the case categories. Empty means <see cref="DefaultCategories"/>.</summary>
    public List<CodeName> Categories { get; set; } = [];

    /// <summary>Gets or sets the source channels. Empty means <see cref="DefaultSourceChannels"/>.</summary>
    public List<CodeName> SourceChannels { get; set; } = [];

    /// <summary>The category whose cases carry the property-service promise (reply / action / result marks).</summary>
    public const string PropertyService = "property_service";

    public static readonly IReadOnlyList<CodeName> DefaultCategories =
    [
        new() { Code = "building_safety", Name = "楼宇安全", NameEn = "Building safety" },
        new() { Code = "environment_sanitation", Name = "环境卫生", NameEn = "Environment and sanitation" },
        new() { Code = "parking_traffic", Name = "停车交通", NameEn = "Parking and traffic" },
        new() { Code = PropertyService, Name = "物业服务", NameEn = "Property service" },
        new() { Code = "neighbour_dispute", Name = "邻里纠纷", NameEn = "Neighbour dispute" },
        new() { Code = "public_facilities", Name = "公共设施", NameEn = "Public facilities" },
        new() { Code = "other", Name = "其他", NameEn = "Other" },
    ];

    /// <summary>The source channel of reports residents make by scanning a building's QR code (扫码上报).</summary>
    public const string QrReportChannel = "qr_report";

    public static readonly IReadOnlyList<CodeName> DefaultSourceChannels =
    [
        new() { Code = "steward_group", Name = "管家群", NameEn = "Steward group" },
        new() { Code = "hotline", Name = "热线", NameEn = "Hotline" },
        new() { Code = "council", Name = "议事会", NameEn = "Roundtable council" },
        new() { Code = "grid_member", Name = "网格员", NameEn = "Grid member" },
        new() { Code = "walk_in", Name = "来访", NameEn = "Walk-in" },
        new() { Code = QrReportChannel, Name = "扫码上报", NameEn = "QR code report" },
    ];

    public IReadOnlyList<CodeName> EffectiveCategories => Categories.Count > 0 ? Categories : DefaultCategories;

    public IReadOnlyList<CodeName> EffectiveSourceChannels => SourceChannels.Count > 0 ? SourceChannels : DefaultSourceChannels;
}

/// <summary>How long each step may take. Property-service marks count from opening; level limits from entering a level.</summary>
public sealed class DeadlineOptions
{
    public double ReplyMinutes { get; set; } = 5;

    public double ActionMinutes { get; set; } = 10;

    public double ResultMinutes { get; set; } = 15;

    public double CompoundDays { get; set; } = 3;

    public double CommunityDays { get; set; } = 7;

    public double TownDays { get; set; } = 15;
}

/// <summary>A configured code with its Chinese and English names.</summary>
public sealed class CodeName
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameEn { get; set; } = "";
}
