using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Liwater.Data.Residents;
using SixLabors.ImageSharp;

namespace Liwater.Dashboard.Tests.Residents;

/// <summary>The resident QR channel on the real app over HTTP, as a phone would use it.</summary>
[Collection(AppCollection.Name)]
public sealed class ResidentFlowTests(FieldAppFixture fixture, ITestOutputHelper output) : IClassFixture<FieldAppFixture>
{
    private const string ResidentPhone = "13912345678";

    [Fact]
    public async Task Report_ResolvedThenNotSatisfied_CaseReopenedAndCounted()
    {
        var building = fixture.Codes.Buildings[0];
        using var phone = fixture.Phone();
        var form = await Text(phone, $"/r/{building.Code}");
        Assert.Contains(building.BuildingName, form, StringComparison.Ordinal);
        Assert.Contains(fixture.Compound.Name, form, StringComparison.Ordinal);

        // The live feed is what the wall reads: time from the resident's submit to the case arriving on it.
        var opened = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var live = fixture.Get<ChangeFeed>().Subscribe(LiveFilter.OfKinds(ChangeKinds.CaseOpened), changes =>
        {
            foreach (var c in changes)
            {
                opened.TrySetResult(c.EntityId ?? 0);
            }

            return Task.CompletedTask;
        });
        var clock = Stopwatch.StartNew();
        using var response = await phone.PostAsync($"/r/{building.Code}", Report("电梯停在5楼不动，里面没有人。", "李阿姨", ResidentPhone));
        var caseId = await opened.Task.WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"report -> live feed (wall input): {clock.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/t/[2-9A-Z]{32}\\?created=1$", location);
        var token = location[3..35];
        var row = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(long Id, string SourceChannel, string Level, string Status, long? DueAt, long? BuildingId, string ReporterPhone)>(
            "SELECT id, source_channel, level, status, due_at, building_id, reporter_phone FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal((CaseOptions.QrReportChannel, CaseLevels.Compound, CaseStatuses.Open, building.BuildingId), (row.SourceChannel, row.Level, row.Status, row.BuildingId));
        Assert.NotNull(row.DueAt);
        Assert.Equal(ResidentTokens.Hash(token), await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT tracking_hash FROM resident_reports WHERE case_id = @caseId", new { caseId })));
        Assert.Equal(0, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM resident_reports WHERE tracking_hash = @token) + (SELECT COUNT(*) FROM audit_log WHERE after LIKE @like) + (SELECT COUNT(*) FROM change_log WHERE summary LIKE @like)",
            new { token, like = "%" + token + "%" })));

        var (staff, staffToken) = await fixture.SignInAsync("f-staff");
        using (staff)
        {
            var staffPage = await Text(staff, $"/cases/{caseId}");
            Assert.Contains("139****5678", staffPage, StringComparison.Ordinal);
            Assert.DoesNotContain(ResidentPhone, staffPage, StringComparison.Ordinal);
            using var reply = await Act(staff, staffToken, caseId, CaseActionKind.Reply, 1, "您好，张社工已通知电梯维保，电话 0757-86661234。");
            using var resolve = await Act(staff, staffToken, caseId, CaseActionKind.Resolve, 2, "电梯已恢复运行。");
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        }

        Assert.Contains("data-testid=\"track-created\"", await Text(phone, location), StringComparison.Ordinal);
        var tracking = await Text(phone, $"/t/{token}");
        Assert.Contains("data-testid=\"confirm-form\"", tracking, StringComparison.Ordinal);
        Assert.DoesNotContain("张社工", tracking, StringComparison.Ordinal);
        Assert.DoesNotContain("f-staff", tracking, StringComparison.Ordinal);
        Assert.DoesNotContain("86661234", tracking, StringComparison.Ordinal);
        Assert.DoesNotContain(ResidentPhone, tracking, StringComparison.Ordinal);
        Assert.DoesNotContain("李阿姨", tracking, StringComparison.Ordinal);
        Assert.Contains("电梯已恢复运行。", tracking, StringComparison.Ordinal);

        using var verdict = await phone.PostAsync($"/t/{token}/confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["verdict"] = "unsatisfied", ["comment"] = "还是会停" }));

        Assert.Equal(HttpStatusCode.Redirect, verdict.StatusCode);
        var after = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string Status, long? ResolvedAt)>("SELECT status, resolved_at FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal((CaseStatuses.InProgress, (long?)null), after);
        var lastEvent = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string Kind, string Actor)>("SELECT kind, actor FROM case_events WHERE case_id = @caseId ORDER BY id DESC LIMIT 1", new { caseId }));
        Assert.Equal(("confirmed_unsatisfied", ActorNames.Resident), lastEvent);
        Assert.Equal(1, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE entity_id = @caseId AND action = 'case.confirmunsatisfied' AND username = 'resident' AND outcome = 'ok'", new { caseId })));
        // The unit's service record (the one count of residents' satisfaction) holds the resident's "not satisfied".
        var today = fixture.Get<TownClock>().Today;
        var records = await fixture.Get<ServiceRecordQueries>().ForPeriodAsync(today.Year, ((today.Month - 1) / 3) + 1);
        Assert.True(records.First(u => u.CompoundName == fixture.Compound.Name).Dissatisfaction.Part >= 1);
        Assert.Contains("处理中", await Text(phone, $"/t/{token}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithPhoneInPhotoGps_ExifRemovedAndThumbnailMade()
    {
        var building = fixture.Codes.Buildings[^1];
        var jpeg = TestPhotos.JpegWithGps();
        Assert.NotNull(Image.Identify(jpeg).Metadata.ExifProfile);
        using var phone = fixture.Phone();

        using var response = await phone.PostAsync($"/r/{building.Code}", Report("单元门口垃圾堆积。", null, null, ("photos", "IMG_0001.jpg", jpeg)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var token = response.Headers.Location!.ToString()[3..35];
        var caseId = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT case_id FROM resident_reports WHERE tracking_hash = @h", new { h = ResidentTokens.Hash(token) }));
        var stored = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(long Id, long OriginalBytes, byte[] Display, byte[] Thumbnail, long IsPublic)>(
            "SELECT id, original_bytes, display, thumbnail, is_public FROM case_photos WHERE case_id = @caseId", new { caseId }));
        var display = Image.Identify(stored.Display);
        var thumbnail = Image.Identify(stored.Thumbnail);
        output.WriteLine($"upload {jpeg.Length:N0} bytes (3000x2000) -> display {stored.Display.Length:N0} bytes ({display.Width}x{display.Height}), thumbnail {stored.Thumbnail.Length:N0} bytes ({thumbnail.Width}x{thumbnail.Height})");

        Assert.Equal(jpeg.Length, stored.OriginalBytes);
        Assert.Equal((1600, 1067), (display.Width, display.Height));
        Assert.Equal(320, thumbnail.Width);
        Assert.Null(display.Metadata.ExifProfile);
        Assert.Null(thumbnail.Metadata.ExifProfile);
        Assert.Equal(-1, stored.Display.AsSpan().IndexOf("LiwaterTestPhone"u8));
        Assert.Equal(1, stored.IsPublic);
        var tracking = await Text(phone, $"/t/{token}");
        Assert.Contains($"/t/{token}/photos/{stored.Id}/thumbnail", tracking, StringComparison.Ordinal);
        using var served = await phone.GetAsync($"/t/{token}/photos/{stored.Id}/display");
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stored.Display, await served.Content.ReadAsByteArrayAsync());
        using var anonymous = await phone.GetAsync($"/photos/{stored.Id}/display");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("heic", "HEIC")]
    [InlineData("text", "不是可识别的图片")]
    public async Task Report_BadPhoto_ClearMessageAndNothingSaved(string kind, string expected)
    {
        var before = await CaseCountAsync();
        var bytes = kind == "heic" ? TestPhotos.HeicHeader() : TestPhotos.NotAnImage();
        using var phone = fixture.Phone();

        using var response = await phone.PostAsync($"/r/{fixture.Codes.Buildings[0].Code}", Report("路灯不亮。", null, null, ("photos", "photo.jpg", bytes)));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.Contains("路灯不亮。", page, StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Report_HundredMegabyteUpload_RefusedEarlyWith413AndMessage()
    {
        var before = await CaseCountAsync();
        // Wait for the server's answer as long as it takes on a loaded machine (the default is 1 s, then the body goes).
        using var phone = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = fixture.App.BaseAddress };
        using var content = Report("大文件", null, null, ("photos", "huge.jpg", new byte[100 * 1024 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/r/{fixture.Codes.Buildings[0].Code}") { Content = content };
        // "Expect: 100-continue": the server answers from the headers alone and the 100 MB body is never sent.
        request.Headers.ExpectContinue = true;

        using var response = await phone.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // The endpoint's own page (limit: 4 photos × 10 MB + the form), not the app-wide plain text.
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"resident-message\"", page, StringComparison.Ordinal);
        Assert.Contains("上传的内容太大（上限 40 MB）", page, StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Report_FourNineMegabytePhotos_AcceptedAboveKestrelsThirtyMegabytes()
    {
        var building = fixture.Codes.Buildings[0];
        var photo = TestPhotos.JpegOfSize(9 * 1024 * 1024);
        using var phone = fixture.Phone();
        using var content = Report("楼道灯坏了，附四张照片。", null, null,
            ("photos", "1.jpg", photo), ("photos", "2.jpg", photo), ("photos", "3.jpg", photo), ("photos", "4.jpg", photo));
        Assert.True(content.Headers.ContentLength > 30_000_000);

        using var response = await phone.PostAsync($"/r/{building.Code}", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var token = response.Headers.Location!.ToString()[3..35];
        var photos = await fixture.Db.ReadAsync(c => c.QueryAsync<long>(
            "SELECT p.original_bytes FROM case_photos p JOIN resident_reports r ON r.case_id = p.case_id WHERE r.tracking_hash = @h", new { h = ResidentTokens.Hash(token) }));
        Assert.Equal([photo.LongLength, photo.LongLength, photo.LongLength, photo.LongLength], photos);
    }

    [Fact]
    public async Task Report_MissingCategoryAndDescription_FormBackWithMessagesNothingSaved()
    {
        var before = await CaseCountAsync();
        using var phone = fixture.Phone();
        using var content = new MultipartFormDataContent { { new StringContent("王先生"), "name" }, { new StringContent("12"), "phone" } };

        using var response = await phone.PostAsync($"/r/{fixture.Codes.Buildings[0].Code}", content);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"error-Category\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-Description\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-ReporterPhone\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"王先生\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Theory]
    [InlineData("/r/NOSUCHCODE22")]
    [InlineData("/r/x")]
    [InlineData("/t/22222222222222222222222222222222")]
    [InlineData("/t/%3Cscript%3E")]
    public async Task UnknownCodeOrLink_ClearPageWith404(string path)
    {
        using var phone = fixture.Phone();

        using var get = await phone.GetAsync(path);
        using var post = await phone.PostAsync(path.StartsWith("/r/", StringComparison.Ordinal) ? path : path + "/confirm", Report("测试", null, null));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("data-testid=\"resident-message\"", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task RevokedCode_NoLongerOpensTheForm_NewCodeDoes()
    {
        var commands = fixture.Get<ResidentCommands>();
        var before = (await commands.EnsureCodesAsync(FieldAppFixture.Town, fixture.Compound.Id))!.Buildings[1];
        using var phone = fixture.Phone();

        Assert.True(await commands.RevokeAsync(FieldAppFixture.Town, before.BuildingId));
        var after = (await commands.EnsureCodesAsync(FieldAppFixture.Town, fixture.Compound.Id))!.Buildings.Single(b => b.BuildingId == before.BuildingId);

        using var old = await phone.GetAsync($"/r/{before.Code}");
        using var fresh = await phone.GetAsync($"/r/{after.Code}");
        Assert.NotEqual(before.Code, after.Code);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Contains("已停用", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task QrSheet_StaffOfTheCommunity_OneCodePerBuildingOnThePublicAddress()
    {
        var (staff, _) = await fixture.SignInAsync("f-staff");
        using (staff)
        {
            var sheet = await staff.GetStringAsync($"/compounds/{fixture.Compound.Id}/qr");
            var buildings = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM buildings WHERE compound_id = @Id", new { fixture.Compound.Id }));

            Assert.Equal(buildings, System.Text.RegularExpressions.Regex.Count(sheet, "data-testid=\"qr-card\""));
            Assert.Equal(buildings, System.Text.RegularExpressions.Regex.Count(sheet, "<svg"));
            Assert.Contains("https://lishui.example.cn/r/", sheet, StringComparison.Ordinal);
        }

        var (steward, _) = await fixture.SignInAsync("f-steward-other");
        using (steward)
        {
            using var refused = await steward.GetAsync($"/compounds/{fixture.Compound.Id}/qr");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task QrSheet_CompoundWithoutCodes_GetWritesNothingAndSaysSoThePostIssuesThem()
    {
        var compoundId = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            """
            SELECT MIN(p.id) FROM compounds p
            WHERE p.community_id = @CommunityId AND p.id <> @Id AND EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM buildings b JOIN building_codes k ON k.building_id = b.id WHERE b.compound_id = p.id)
            """,
            new { fixture.Compound.CommunityId, fixture.Compound.Id }));
        Assert.True(compoundId > 0, "the demo has a second compound with buildings in the fixture's community");
        const string Codes = "SELECT COUNT(*) FROM building_codes k JOIN buildings b ON b.id = k.building_id WHERE b.compound_id = @compoundId";
        var buildings = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM buildings WHERE compound_id = @compoundId", new { compoundId }));
        var (staff, _) = await fixture.SignInAsync("f-staff");
        using (staff)
        {
            // The codes' own change kind only: the app's recurring jobs may log other changes meanwhile.
            const string CodeChanges = "SELECT COUNT(*) FROM change_log WHERE kind = @k";
            var k = ChangeKinds.ResidentCodesChanged;
            var changes = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CodeChanges, new { k }));

            var before = await staff.GetStringAsync($"/compounds/{compoundId}/qr");

            Assert.Equal(0, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(Codes, new { compoundId })));
            Assert.Equal(changes, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CodeChanges, new { k })));
            Assert.DoesNotContain("data-testid=\"qr-card\"", before, StringComparison.Ordinal);
            Assert.Contains($"{buildings} 栋楼还没有二维码", WebUtility.HtmlDecode(before), StringComparison.Ordinal);
            Assert.Contains("data-testid=\"issue-codes\"", before, StringComparison.Ordinal);

            using var issued = await staff.PostAsync($"/compounds/{compoundId}/qr", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FieldAppFixture.Token(before) }));

            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
            Assert.Equal(buildings, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(Codes, new { compoundId })));
            var after = await staff.GetStringAsync($"/compounds/{compoundId}/qr");
            Assert.Equal(buildings, System.Text.RegularExpressions.Regex.Count(after, "data-testid=\"qr-card\""));
            Assert.DoesNotContain("data-testid=\"codes-missing\"", after, StringComparison.Ordinal);
        }

        var (steward, stewardToken) = await fixture.SignInAsync("f-steward-other");
        using (steward)
        {
            using var refused = await steward.PostAsync($"/compounds/{fixture.Compound.Id}/qr", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = stewardToken }));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task MarkSpam_ByStaff_StatusSpamNothingDeletedAndResidentSeesIt()
    {
        using var phone = fixture.Phone();
        using var response = await phone.PostAsync($"/r/{fixture.Codes.Buildings[0].Code}", Report("广告：高价回收旧手机", null, null));
        var token = response.Headers.Location!.ToString()[3..35];
        var caseId = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT case_id FROM resident_reports WHERE tracking_hash = @h", new { h = ResidentTokens.Hash(token) }));
        var (staff, staffToken) = await fixture.SignInAsync("f-staff");

        using var spam = await Act(staff, staffToken, caseId, CaseActionKind.MarkSpam, 1, "广告");
        staff.Dispose();

        Assert.Equal(HttpStatusCode.OK, spam.StatusCode);
        Assert.Equal(CaseStatuses.Spam, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT status FROM cases WHERE id = @caseId", new { caseId })));
        Assert.Contains("无效上报", await Text(phone, $"/t/{token}"), StringComparison.Ordinal);
    }

    internal static MultipartFormDataContent Report(string description, string? name, string? phone, params (string Field, string FileName, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent("public_facilities"), "category" },
            { new StringContent(description), "description" },
        };
        if (name is not null)
        {
            content.Add(new StringContent(name), "name");
        }

        if (phone is not null)
        {
            content.Add(new StringContent(phone), "phone");
        }

        foreach (var (field, fileName, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, field, fileName);
        }

        return content;
    }

    /// <summary>A page's text with HTML entities decoded (Blazor's renderer encodes every non-ASCII character).</summary>
    internal static async Task<string> Text(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private Task<long> CaseCountAsync() => fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"));

    private static Task<HttpResponseMessage> Act(HttpClient client, string token, long caseId, CaseActionKind kind, long version, string body) =>
        client.PostAsync($"/cases/{caseId}/actions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Kind"] = kind.ToString(),
            ["ExpectedVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Body"] = body,
        }));
}
