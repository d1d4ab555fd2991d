using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Identity;

public sealed class StaffSignInThrottleTests : IAsyncLifetime
{
    private const string Attacker = "203.0.113.5";
    private const string Office = "198.51.100.9";
    private const string Olga = "olga@example.org";

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-30T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private TestDatabase database = null!;
    private StaffSignInThrottle throttle = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        // A configured key: nothing is kept in the result store.
        var key = new PortalKey(new string('k', PortalKey.MinConfiguredLength), shared: () => throw new InvalidOperationException("A configured key is used as it is."));
        throttle = new StaffSignInThrottle(database, key, time);
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(8, 8)]
    [InlineData(9, 15)]
    [InlineData(50, 15)]
    public void BlockAfter_GrowsFromOneToFifteenMinutes(int failures, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInThrottlePolicy.BlockAfter(failures, SignInThrottlePolicy.FreeAttemptsPerAddress));
    }

    [Fact]
    public async Task BeginAsync_AfterTheFreeAttempts_MakesTheNextOneWait_LongerEachTime()
    {
        var attempt = new SignInAttempt(Attacker, Olga);
        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerAddress; i++)
        {
            Assert.True((await throttle.BeginAsync(attempt)).Allowed);
        }

        var refused = await throttle.BeginAsync(attempt);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await throttle.BeginAsync(attempt)).Allowed);
        Assert.Equal(TimeSpan.FromMinutes(2), (await throttle.BeginAsync(attempt)).RetryAfter);
    }

    [Fact]
    public async Task BeginAsync_AnotherClient_OrTheOwnersKnownBrowser_IsNotSlowedByTheAttacker()
    {
        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerAddress; i++)
        {
            await throttle.BeginAsync(new SignInAttempt(Attacker, Olga));
        }

        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerClient; i++)
        {
            await throttle.BeginAsync(new SignInAttempt(Attacker, $"user{i}@example.org"));
        }

        Assert.False((await throttle.BeginAsync(new SignInAttempt(Attacker, "anyone@example.org"))).Allowed);
        Assert.True((await throttle.BeginAsync(new SignInAttempt(Office, Olga))).Allowed);
        Assert.True((await throttle.BeginAsync(new SignInAttempt(Attacker, Olga, KnownBrowser: "olgas-laptop"))).Allowed);
    }

    [Fact]
    public async Task BeginAsync_ParallelGuesses_StopAtTheFreeAttempts()
    {
        var attempt = new SignInAttempt(Attacker, Olga);

        var gates = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => throttle.BeginAsync(attempt))));

        Assert.Equal(SignInThrottlePolicy.FreeAttemptsPerAddress, gates.Count(g => g.Allowed));
    }

    [Fact]
    public async Task SucceededAsync_StartsTheAddressCountAgain()
    {
        var attempt = new SignInAttempt(Office, Olga);
        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerAddress - 1; i++)
        {
            await throttle.BeginAsync(attempt);
        }

        await throttle.BeginAsync(attempt);
        await throttle.SucceededAsync(attempt);

        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerAddress; i++)
        {
            Assert.True((await throttle.BeginAsync(attempt)).Allowed);
        }
    }

    [Fact]
    public async Task BeginAsync_IdleForAnHour_StartsAgainFromZero()
    {
        var attempt = new SignInAttempt(Attacker, Olga);
        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerAddress; i++)
        {
            await throttle.BeginAsync(attempt);
        }

        time.Advance(SignInThrottlePolicy.IdleReset);

        for (var i = 0; i < SignInThrottlePolicy.FreeAttemptsPerAddress; i++)
        {
            Assert.True((await throttle.BeginAsync(attempt)).Allowed);
        }
    }

    [Fact]
    public async Task RecordAsync_ABurst_IsWrittenAsTheFirstFewEntriesAndOneWithTheCountOfTheRest()
    {
        for (var i = 1; i <= 57; i++)
        {
            await throttle.RecordAsync(new SignInAttempt(Attacker, $"guess-{i}@example.org"), AuditAction.SignInFailed, "unknown address");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(SignInThrottlePolicy.LoggedPerBurst, (await EntriesAsync()).Count);
        time.Advance(SignInThrottlePolicy.Burst);

        Assert.Equal(1, await throttle.SweepAsync());

        var entries = await EntriesAsync();
        Assert.Equal(
            ["guess-1@example.org", "guess-2@example.org", "guess-3@example.org", "guess-4@example.org", "guess-5@example.org", "guess-57@example.org"],
            entries.Select(e => e.Target!).ToArray());
        Assert.All(entries.Take(5), e => Assert.Equal($"unknown address, from {Attacker}", e.Detail));
        Assert.StartsWith($"52 more failed or refused sign-ins from {Attacker} between 2026-11-30 09:00:05Z and 2026-11-30 09:00:56Z", entries[5].Detail, StringComparison.Ordinal);
        Assert.Equal(0, await throttle.SweepAsync());
    }

    [Fact]
    public async Task RecordAsync_ANewBurst_WritesTheLastBurstsCountFirst()
    {
        for (var i = 1; i <= 7; i++)
        {
            await throttle.RecordAsync(new SignInAttempt(Attacker, $"guess-{i}@example.org"), AuditAction.SignInFailed, "unknown address");
        }

        time.Advance(SignInThrottlePolicy.Burst);
        await throttle.RecordAsync(new SignInAttempt(Attacker, "later@example.org"), AuditAction.SignInFailed, "unknown address");

        var entries = await EntriesAsync();
        Assert.Equal(7, entries.Count);
        Assert.StartsWith("2 more failed or refused sign-ins", entries[5].Detail, StringComparison.Ordinal);
        Assert.Equal("later@example.org", entries[6].Target);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
