using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.SqlServer.Migrations
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
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ClockStopped",
                table: "DataRequests",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueDateBeforeExtension",
                table: "DataRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedDueDate",
                table: "DataRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Extension",
                table: "DataRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "DataRequests",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PausedDays",
                table: "DataRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedSince",
                table: "DataRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Regime",
                table: "DataRequests",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Gdpr");

            migrationBuilder.CreateTable(
                name: "RequestPauses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DataRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Question = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AskedByKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AskedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ClockStopped = table.Column<bool>(type: "bit", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Answer = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    EndedByKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    EndedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    DaysAdded = table.Column<int>(type: "int", nullable: false)
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
                UPDATE [DataRequests] SET
                    [DueDateBeforeExtension] = [OriginalDueDate],
                    [ExtendedDueDate] = [DueDate],
                    [Extension] = CASE WHEN [DueDate] > DATEADD(month, 1, [OriginalDueDate]) THEN 2 ELSE 1 END,
                    [ExtensionReason] = (SELECT TOP 1 t.[Reason] FROM [TimelineEntries] t WHERE t.[DataRequestId] = [DataRequests].[Id] AND t.[Event] = 'DueDateExtended' ORDER BY t.[Id] DESC)
                WHERE [ExtendedAt] IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE [DataRequests] SET
                    [CancellationReason] = (SELECT TOP 1 t.[Reason] FROM [TimelineEntries] t WHERE t.[DataRequestId] = [DataRequests].[Id] AND t.[ToState] = 'Cancelled' ORDER BY t.[Id] DESC)
                WHERE [State] = 'Cancelled';
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
