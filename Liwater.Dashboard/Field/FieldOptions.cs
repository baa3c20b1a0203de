namespace Liwater.Dashboard.Field;

/// <summary>Settings under <c>Liwater:Field</c>: the phone pages of stewards and community staff.</summary>
public sealed class FieldOptions
{
    public const string Section = "Liwater:Field";

    /// <summary>Gets or sets how many minutes before a deadline a case counts as due soon (an alert). Defaults to 2.</summary>
    public double DueSoonMinutes { get; set; } = 2;

    /// <summary>Gets or sets the quick-reply sentences offered on the phone (one tap sends). Empty means the defaults.</summary>
    public List<string> ReplyTemplates { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultReplyTemplates =
    [
        "您好，已收到，管家马上到现场查看。",
        "已安排维修人员，预计30分钟内到达。",
        "已联系相关单位，处理进展会及时告知您。",
        "已处理完毕，请您查看确认。",
    ];

    public IReadOnlyList<string> EffectiveReplyTemplates => ReplyTemplates.Count > 0 ? ReplyTemplates : DefaultReplyTemplates;

    public long DueSoonMs => (long)(DueSoonMinutes * 60_000);
}
