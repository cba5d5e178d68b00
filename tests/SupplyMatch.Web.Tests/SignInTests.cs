using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture dashboard)
{
    [Theory]
    [InlineData(DashboardFixture.Planner, "planner", "Planner", "rounds", "nav-lines")]
    [InlineData(DashboardFixture.Buyer, "buyer", "Buyer", "lines", "nav-rounds")]
    [InlineData(DashboardFixture.Base, "base", "Production base", "lots", "nav-rounds")]
    [InlineData(DashboardFixture.Admin, "admin", "Administrator", "keys", "nav-lines")]
    public async Task Each_role_signs_in_with_its_key_and_sees_only_the_screens_of_its_role(string key, string role, string label, string landing, string foreignNav)
    {
        var page = await dashboard.SignedInAsync(key);
        var me = await dashboard.Host.Api(key).GetJsonAsync("/api/v1/me");
        Assert.Equal(role, me.GetProperty("role").GetString());

        var who = await page.GetByTestId("whoami").InnerTextAsync();
        Assert.Contains(label, who, StringComparison.Ordinal);
        if (me.GetProperty("ownerId").GetString() is { } owner)
        {
            Assert.Contains(owner, who, StringComparison.Ordinal);
            Assert.Contains(me.GetProperty("ownerNameEn").GetString()!, who, StringComparison.Ordinal);
        }

        await page.GetByTestId(landing).WaitForAsync();
        Assert.Equal(0, await page.GetByTestId(foreignNav).CountAsync());
        await Screens.ShotAsync(page, $"signed-in-{role}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_key_is_refused_in_words_the_user_can_act_on_in_the_chosen_language()
    {
        var page = await dashboard.OpenAsync("zh");
        await page.GetByTestId("api-key").FillAsync("not-a-key");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("该 API 密钥无效或已被吊销");

        await page.GetByTestId("lang-en").ClickAsync();
        await page.GetByTestId("api-key").FillAsync("not-a-key");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("This API key is not valid or has been revoked. Sign in again");
        await Screens.ShotAsync(page, "sign-in-refused");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_key_is_kept_for_the_browser_tab_only_and_forgotten_on_sign_out()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        Assert.Equal(DashboardFixture.Buyer, await page.EvaluateAsync<string>("sessionStorage.getItem('supplymatch.apiKey')"));
        var local = await page.EvaluateAsync<string>("JSON.stringify(Object.entries(localStorage))");
        Assert.DoesNotContain(DashboardFixture.Buyer, local, StringComparison.Ordinal);

        await page.ReloadAsync();
        await page.GetByTestId("whoami").WaitForAsync();

        var otherTab = await dashboard.OpenAsync();
        await otherTab.GetByTestId("signin-form").WaitForAsync();
        Assert.Equal(0, await otherTab.GetByTestId("whoami").CountAsync());

        await page.GetByTestId("sign-out").ClickAsync();
        await page.GetByTestId("signin-form").WaitForAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('supplymatch.apiKey')"));
        await page.Context.CloseAsync();
        await otherTab.Context.CloseAsync();
    }
}
