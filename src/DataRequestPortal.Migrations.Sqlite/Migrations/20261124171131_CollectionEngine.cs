using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CollectionEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BytesCollected",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "FailedSource",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureMessage",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordsCollected",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ResultBytes",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultSha256",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourcesDone",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SourcesTotal",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PlatformMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubprofileId = table.Column<long>(type: "INTEGER", nullable: true),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Campaign = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Mime = table.Column<string>(type: "TEXT", nullable: false),
                    Html = table.Column<string>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Database = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    FieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformSurveyAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Survey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubprofileId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformSurveyAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SourceRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Records = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceRuns_DataRequests_DataRequestId",
                        column: x => x.DataRequestId,
                        principalTable: "DataRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlatformAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlatformAttachments_PlatformMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "PlatformMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlatformEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubprofileId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlatformEvents_PlatformMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "PlatformMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlatformSubprofiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: false),
                    Collection = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    FieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformSubprofiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlatformSubprofiles_PlatformProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "PlatformProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_State_LeaseExpiresAt",
                table: "DataRequests",
                columns: new[] { "State", "LeaseExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformAttachments_MessageId",
                table: "PlatformAttachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformEvents_MessageId",
                table: "PlatformEvents",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformEvents_ProfileId",
                table: "PlatformEvents",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformEvents_Recipient",
                table: "PlatformEvents",
                column: "Recipient");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformEvents_SubprofileId",
                table: "PlatformEvents",
                column: "SubprofileId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMessages_ProfileId",
                table: "PlatformMessages",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMessages_Recipient",
                table: "PlatformMessages",
                column: "Recipient");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMessages_SubprofileId",
                table: "PlatformMessages",
                column: "SubprofileId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformProfiles_Email",
                table: "PlatformProfiles",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformSubprofiles_Email",
                table: "PlatformSubprofiles",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformSubprofiles_ProfileId",
                table: "PlatformSubprofiles",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformSurveyAnswers_Email",
                table: "PlatformSurveyAnswers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformSurveyAnswers_ProfileId",
                table: "PlatformSurveyAnswers",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformSurveyAnswers_SubprofileId",
                table: "PlatformSurveyAnswers",
                column: "SubprofileId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceRuns_DataRequestId_Position",
                table: "SourceRuns",
                columns: new[] { "DataRequestId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlatformAttachments");

            migrationBuilder.DropTable(
                name: "PlatformEvents");

            migrationBuilder.DropTable(
                name: "PlatformSubprofiles");

            migrationBuilder.DropTable(
                name: "PlatformSurveyAnswers");

            migrationBuilder.DropTable(
                name: "SourceRuns");

            migrationBuilder.DropTable(
                name: "PlatformMessages");

            migrationBuilder.DropTable(
                name: "PlatformProfiles");

            migrationBuilder.DropIndex(
                name: "IX_DataRequests_State_LeaseExpiresAt",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "BytesCollected",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "FailedSource",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "FailureMessage",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "RecordsCollected",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ResultBytes",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ResultSha256",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "SourcesDone",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "SourcesTotal",
                table: "DataRequests");
        }
    }
}
