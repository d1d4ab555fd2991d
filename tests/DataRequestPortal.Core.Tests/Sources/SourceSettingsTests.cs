using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Sources;

public class SourceSettingsTests
{
    private static readonly (string, string)[] Sql =
    [
        ("Sources:Sql:0:Key", "shop"),
        ("Sources:Sql:0:Title", "Web shop"),
        ("Sources:Sql:0:Provider", "Sqlite"),
        ("Sources:Sql:0:ConnectionString", "Data Source=shop.db"),
        ("Sources:Sql:0:Categories:0:Name", "orders"),
        ("Sources:Sql:0:Categories:0:Query", "SELECT id FROM orders WHERE email = @subject"),
    ];

    private static readonly (string, string)[] Http =
    [
        ("Sources:Http:0:Key", "crm"),
        ("Sources:Http:0:Title", "Customer service desk"),
        ("Sources:Http:0:UrlTemplate", "https://crm.example.com/api/people/{subject}/tickets"),
        ("Sources:Http:0:Category:Name", "ticket"),
    ];

    private static readonly (string, string)[] Upstream =
    [
        ("Sources:Upstream:0:Key", "copernica"),
        ("Sources:Upstream:0:Title", "Copernica marketing"),
        ("Sources:Upstream:0:BaseUrl", "https://api.copernica.com"),
        ("Sources:Upstream:0:Token", "tok-9a8b7c"),
    ];

    private static string Refused(params (string, string)[] settings) => ConfiguredSources.Refused(settings).Message;

    [Theory]
    [InlineData("Sources:Sql:0:Provider", "Oracle", "Sources:Sql:0:Provider is 'Oracle'; use 'Sqlite' or 'SqlServer'.")]
    [InlineData("Sources:Sql:0:Key", "", "Sources:Sql:0:Key is missing; every source needs a short unique key such as 'crm'.")]
    [InlineData("Sources:Sql:0:Key", "web shop", "Sources:Sql:0:Key 'web shop' may hold only letters, digits, '-' and '_' (at most 64, starting with a letter or digit).")]
    [InlineData("Sources:Sql:0:Categories:0:Query", "", "Sources:Sql:0:Categories:0:Query is missing.")]
    [InlineData("Sources:Sql:0:Categories:0:Query", "SELECT id FROM orders WHERE kind = @subjectType", "Sources:Sql:0:Categories:0:Query does not use the @subject parameter; without it every subject would get the same rows.")]
    [InlineData("Sources:Sql:0:CommandTimeoutSeconds", "0", "Sources:Sql:0:CommandTimeoutSeconds is 0; give at least 1 second.")]
    [InlineData("Sources:Sql:0:SubjectTypes:0", "customer", "Sources:Sql:0:SubjectTypes:0 is 'customer'; use email, profile or subprofile.")]
    [InlineData("Sources:Sql:0:SubjectTypes", "email", "Sources:Sql:0:SubjectTypes is a list: write it as a JSON array, or as Sources:Sql:0:SubjectTypes:0 and so on.")]
    [InlineData("Sources:Sql:0:Categories:0:Querys", "SELECT 1", "Sources:Sql:0:Categories:0:Querys is not a setting of a data source; check its spelling.")]
    public void Read_OneWrongSqlSetting_StopsTheStartNamingIt(string key, string value, string expected)
    {
        Assert.Equal(expected, Refused([.. Sql, (key, value)]));
    }

    [Fact]
    public void Read_TwoCategoriesOfOneName_StopsTheStart()
    {
        var message = Refused([.. Sql, ("Sources:Sql:0:Categories:1:Name", "Orders"), ("Sources:Sql:0:Categories:1:Query", "SELECT 2 WHERE @subject = 1")]);

        Assert.Equal("Sources:Sql:0:Categories:1:Name 'Orders' is used by another category of this source; every category needs its own name.", message);
    }

    [Fact]
    public void Read_BadConnectionString_IsNamedButNeverRepeated()
    {
        var message = Refused([.. Sql, ("Sources:Sql:0:Provider", "SqlServer"), ("Sources:Sql:0:ConnectionString", "Server=db;Password=hunter2;Colour=blue")]);

        Assert.Equal("Sources:Sql:0:ConnectionString is not a valid SqlServer connection string.", message);
    }

    [Theory]
    [InlineData("Sources:Http:0:UrlTemplate", "https://crm.example.com/api/people", "Sources:Http:0:UrlTemplate has no {subject} placeholder; without it every subject would get the same records.")]
    [InlineData("Sources:Http:0:UrlTemplate", "https://crm.example.com/{subject}/{email}", "Sources:Http:0:UrlTemplate has an unknown placeholder {email}; use {subject} and {subjectType}.")]
    [InlineData("Sources:Http:0:UrlTemplate", "crm.example.com/{subject}", "Sources:Http:0:UrlTemplate is not an absolute http or https URL.")]
    [InlineData("Sources:Http:0:Category:Name", "", "Sources:Http:0:Category:Name is missing; it becomes the records' type.")]
    [InlineData("Sources:Http:0:TimeoutSeconds", "0", "Sources:Http:0:TimeoutSeconds is 0; give a number of seconds above 0.")]
    [InlineData("Sources:Http:0:Headers:X-Api-Key", "", "Sources:Http:0:Headers:X-Api-Key has a value that cannot be sent (empty or spanning lines).")]
    public void Read_OneWrongHttpSetting_StopsTheStartNamingIt(string key, string value, string expected)
    {
        Assert.Equal(expected, Refused([.. Http, (key, value)]));
    }

    [Theory]
    [InlineData("Sources:Http:0:TimeoutSeconds", "soon", "Sources:Http:0:TimeoutSeconds is 'soon'; give a number such as 30 or 0.5.")]
    [InlineData("Sources:Upstream:0:ApiVersion", "v2", "Sources:Upstream:0:ApiVersion is 'v2'; give a whole number.")]
    public void Read_NumberThatIsNoNumber_NamesTheSetting(string key, string value, string expected)
    {
        Assert.Equal(expected, Refused([.. Http, .. Upstream, (key, value)]));
    }

    [Theory]
    [InlineData("Sources:Upstream:0:ApiVersion", "3", "Sources:Upstream:0:ApiVersion is 3; use 1 or 2.")]
    [InlineData("Sources:Upstream:0:TokenIn", "Cookie", "Sources:Upstream:0:TokenIn is 'Cookie'; use 'Query' or 'Header'.")]
    [InlineData("Sources:Upstream:0:Token", "", "Sources:Upstream:0:Token is missing; the upstream answers only calls with an access token.")]
    [InlineData("Sources:Upstream:0:BaseUrl", "https://api.copernica.com/?access_token=tok-9a8b7c", "Sources:Upstream:0:BaseUrl must not carry a query, fragment or user name; put the token in Sources:Upstream:0:Token.")]
    [InlineData("Sources:Upstream:0:PollSeconds", "-1", "Sources:Upstream:0:PollSeconds is -1; give a number of seconds above 0.")]
    public void Read_OneWrongUpstreamSetting_StopsTheStartNamingIt(string key, string value, string expected)
    {
        Assert.Equal(expected, Refused([.. Upstream, (key, value)]));
    }

    [Fact]
    public void Read_SeveralProblems_ListsEveryOne()
    {
        var message = Refused(
            ("Sources:Sql:0:Title", "Web shop"),
            ("Sources:Sql:0:Provider", "Sqlite"),
            ("Sources:Sql:0:ConnectionString", "Data Source=shop.db"),
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:Category:Name", "ticket"));

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "The data source settings have 3 problems:",
                "- Sources:Sql:0:Key is missing; every source needs a short unique key such as 'crm'.",
                "- Sources:Sql:0:Categories is empty; give at least one category with a Name and a Query.",
                "- Sources:Http:0:UrlTemplate is missing."),
            message);
    }

    [Fact]
    public void Read_TwoSourcesWithOneKey_StopsTheStart()
    {
        var message = Refused([.. Sql, .. Http, ("Sources:Http:0:Key", "Shop")]);

        Assert.Equal("Sources:Http:0:Key 'Shop' is also the key of Sources:Sql:0; every source needs its own key.", message);
    }

    [Fact]
    public void Read_SourceWrittenAsAnObjectInsteadOfAList_SaysItIsAList()
    {
        var message = Refused(("Sources:Http:Key", "crm"));

        Assert.Equal("Sources:Http is a list: write Sources:Http:0:Key and so on ('Sources:Http:Key' is not a position in it).", message);
    }

    [Fact]
    public void Read_Secrets_NeverAppearInMessages()
    {
        var message = Refused(
            [.. Http, .. Upstream,
            ("Sources:Http:0:UrlTemplate", "https://crm.example.com/people?key=s3cr3t-in-url"),
            ("Sources:Http:0:Headers:X-Api-Key", "s3cr3t-header\nInjected: yes"),
            ("Sources:Upstream:0:Token", "s3cr3t-token"),
            ("Sources:Upstream:0:BaseUrl", "https://api.copernica.com/?access_token=s3cr3t-token")]);

        Assert.Contains("Sources:Http:0:UrlTemplate", message);
        Assert.Contains("Sources:Http:0:Headers:X-Api-Key", message);
        Assert.Contains("Sources:Upstream:0:BaseUrl", message);
        Assert.DoesNotContain("s3cr3t", message);
    }
}
