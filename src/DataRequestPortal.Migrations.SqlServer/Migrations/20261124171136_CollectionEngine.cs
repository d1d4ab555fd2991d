using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.SqlServer.Migrations
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "FailedSource",
                table: "DataRequests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureMessage",
                table: "DataRequests",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseExpiresAt",
                table: "DataRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "DataRequests",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordsCollected",
                table: "DataRequests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ResultBytes",
                table: "DataRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultSha256",
                table: "DataRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourcesDone",
                table: "DataRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SourcesTotal",
                table: "DataRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PlatformMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Recipient = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    ProfileId = table.Column<long>(type: "bigint", nullable: true),
                    SubprofileId = table.Column<long>(type: "bigint", nullable: true),
                    Sender = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Campaign = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Mime = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Html = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Database = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    FieldsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ModifiedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformSurveyAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Survey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    ProfileId = table.Column<long>(type: "bigint", nullable: true),
                    SubprofileId = table.Column<long>(type: "bigint", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AnswersJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformSurveyAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SourceRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DataRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    SourceKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourceTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    Recipient = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    ProfileId = table.Column<long>(type: "bigint", nullable: true),
                    SubprofileId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IpAddress = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true),
                    UserAgent = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProfileId = table.Column<long>(type: "bigint", nullable: false),
                    Collection = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    FieldsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ModifiedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
