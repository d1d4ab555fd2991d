using Microsoft.EntityFrameworkCore;

// The floor the portal's status call is measured against: one row read by key with EF Core on SQLite, from a pooled
// context, no tracking, answered as JSON by a minimal API; nothing else (no authentication, no rate limits).
var builder = WebApplication.CreateBuilder(args);
var database = builder.Configuration["Database"] ?? Path.Combine(Path.GetTempPath(), "drp-api-anchor.db");
builder.Services.AddDbContextPool<AnchorDbContext>(options => options.UseSqlite($"Data Source={database}"));

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AnchorDbContext>();
    await db.Database.EnsureDeletedAsync();
    await db.Database.EnsureCreatedAsync();
    var received = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
    db.Requests.AddRange(Enumerable.Range(1, 1000).Select(n => new AnchorRequest
    {
        Id = n,
        SubjectId = $"subject-{n}@example.com",
        State = "completed",
        ReceivedAt = received + n,
        DueDate = "2026-12-31",
        Bytes = 1000 + n,
        Sha256 = new string('a', 64),
    }));
    await db.SaveChangesAsync();
}

app.MapGet("/requests/{id:long}", async (long id, AnchorDbContext db, CancellationToken cancellationToken) =>
    await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } request
        ? Results.Ok(request)
        : Results.NotFound());
app.MapGet("/health", () => "Healthy");

await app.RunAsync();

internal sealed class AnchorDbContext(DbContextOptions<AnchorDbContext> options) : DbContext(options)
{
    public DbSet<AnchorRequest> Requests => Set<AnchorRequest>();
}

internal sealed class AnchorRequest
{
    public long Id { get; set; }

    public string SubjectId { get; set; } = "";

    public string State { get; set; } = "";

    public long ReceivedAt { get; set; }

    public string DueDate { get; set; } = "";

    public long Bytes { get; set; }

    public string Sha256 { get; set; } = "";
}
