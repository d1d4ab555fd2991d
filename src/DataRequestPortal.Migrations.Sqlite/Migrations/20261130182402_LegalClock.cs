using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LegalClock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ClockStopped",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueDateBeforeExtension",
                table: "DataRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedDueDate",
                table: "DataRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Extension",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PausedDays",
                table: "DataRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "PausedSince",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Regime",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Gdpr");

            migrationBuilder.CreateTable(
                name: "RequestPauses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AskedByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AskedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ClockStopped = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EndedByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DaysAdded = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestPauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestPauses_DataRequests_DataRequestId",
                        column: x => x.DataRequestId,
                        principalTable: "DataRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestPauses_DataRequestId_Number",
                table: "RequestPauses",
                columns: new[] { "DataRequestId", "Number" },
                unique: true);

            // Requests filed before regimes existed ran on the GDPR's clock (the default above); their extensions and
            // cancellations keep what the timeline recorded.
            migrationBuilder.Sql("""
                UPDATE "DataRequests" SET
                    "DueDateBeforeExtension" = "OriginalDueDate",
                    "ExtendedDueDate" = "DueDate",
                    "Extension" = CASE WHEN "DueDate" > date("OriginalDueDate", '+1 month') THEN 2 ELSE 1 END,
                    "ExtensionReason" = (SELECT t."Reason" FROM "TimelineEntries" t WHERE t."DataRequestId" = "DataRequests"."Id" AND t."Event" = 'DueDateExtended' ORDER BY t."Id" DESC LIMIT 1)
                WHERE "ExtendedAt" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "DataRequests" SET
                    "CancellationReason" = (SELECT t."Reason" FROM "TimelineEntries" t WHERE t."DataRequestId" = "DataRequests"."Id" AND t."ToState" = 'Cancelled' ORDER BY t."Id" DESC LIMIT 1)
                WHERE "State" = 'Cancelled';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestPauses");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ClockStopped",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "DueDateBeforeExtension",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ExtendedDueDate",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "Extension",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "ExtensionReason",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "PausedDays",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "PausedSince",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "Regime",
                table: "DataRequests");
        }
    }
}
