using System.Globalization;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Photos;
using Liwater.Data.Cases;
using Liwater.Data.Photos;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Field;

/// <summary>
/// The case page's phone actions. Every save goes through the case command (photos with it, in the same transaction,
/// via <see cref="CasePhotos"/>); a stale version or a refusal comes back as a message and the typed text stays.
/// </summary>
public sealed partial class PhoneActionBar
{
    private static readonly CaseActionKind[] TextKinds = [CaseActionKind.Reply, CaseActionKind.FollowUp, CaseActionKind.Result];

    private readonly List<PhotoUpload> pending = [];
    private HashSet<CaseActionKind> allowed = [];
    private CaseActionKind? sheet;
    private string? text;
    private string? message;
    private bool failed;
    private bool busy;
    private bool publicPhotos;
    private bool quickOpened;

    /// <summary>Gets or sets the case as last read; its version is the one a save expects.</summary>
    [Parameter, EditorRequired]
    public required CaseRow Case { get; set; }

    /// <summary>Gets or sets the signed-in user.</summary>
    [Parameter, EditorRequired]
    public required ActingUser Actor { get; set; }

    /// <summary>Gets or sets the deadline being counted (null when none runs).</summary>
    [Parameter]
    public DeadlineMark? Mark { get; set; }

    /// <summary>Gets or sets the sheet to open at once ("reply" when the page was opened from an alert).</summary>
    [Parameter]
    public string? Quick { get; set; }

    /// <summary>Gets or sets what to call after a save.</summary>
    [Parameter]
    public EventCallback Saved { get; set; }

    [Inject]
    public required CasePhotos Photos { get; init; }

    [Inject]
    public required PhotoProcessor Processor { get; init; }

    [Inject]
    public required FieldOptions Field { get; init; }

    [Inject]
    public required IStringLocalizer<FieldText> T { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> CaseT { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> ErrorText { get; init; }

    protected override void OnParametersSet()
    {
        allowed = CaseStateMachine.Allowed(Case).Where(k => CaseAccess.CanAct(Actor, Case, k)).ToHashSet();
        if (!quickOpened && Quick == "reply" && allowed.Contains(CaseActionKind.Reply))
        {
            quickOpened = true;
            sheet = CaseActionKind.Reply;
        }
    }

    private void Open(CaseActionKind kind)
    {
        sheet = kind;
        message = null;
    }

    private void Close() => sheet = null;

    private async Task PickedAsync(InputFileChangeEventArgs e)
    {
        message = null;
        var options = Processor.Options;
        if (e.FileCount + pending.Count > options.MaxPerUpload)
        {
            Fail(string.Format(CultureInfo.CurrentCulture, T["TooManyPhotos"], options.MaxPerUpload));
            return;
        }

        foreach (var file in e.GetMultipleFiles(options.MaxPerUpload))
        {
            // Refused before a byte is read when the phone already says it is too large.
            var refusal = PhotoRefusal.TooLarge;
            PhotoUpload? photo = null;
            if (file.Size <= options.MaxBytes)
            {
                await using var stream = file.OpenReadStream(options.MaxBytes);
                using var buffer = new MemoryStream((int)file.Size);
                await stream.CopyToAsync(buffer);
                (photo, refusal) = Processor.Process(buffer.ToArray());
            }

            if (photo is null)
            {
                var reason = string.Format(CultureInfo.CurrentCulture, T["Refusal_" + refusal], options.MaxBytes / (1024 * 1024));
                Fail(string.Format(CultureInfo.CurrentCulture, T["PhotoRefused"], file.Name, reason));
                return;
            }

            pending.Add(photo);
        }

        sheet ??= CaseActionKind.Photo;
    }

    private async Task SendAsync(string? body)
    {
        if (sheet is not { } kind || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Photos.ApplyWithPhotosAsync(Actor, Case.Id, Case.Version, new CaseAction { Kind = kind, Body = body }, pending, publicPhotos);
            if (result.Succeeded)
            {
                (sheet, text, failed, message) = (null, null, false, T["Sent"]);
                pending.Clear();
                await Saved.InvokeAsync();
            }
            else
            {
                var error = result.Errors.Values.FirstOrDefault() ?? result.Error;
                Fail(error is null ? "" : ErrorText.Text(error));
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void Fail(string text)
    {
        failed = true;
        message = text;
    }
}
