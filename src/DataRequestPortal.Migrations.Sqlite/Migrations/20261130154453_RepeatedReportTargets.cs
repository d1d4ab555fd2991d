using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RepeatedReportTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportTargets_DataRequests_DataRequestId",
                        column: x => x.DataRequestId,
                        principalTable: "DataRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportTargets_DataRequestId_Number",
                table: "ReportTargets",
                columns: new[] { "DataRequestId", "Number" },
                unique: true);

            // Every request's one report target becomes its target number 1, received with the request.
            migrationBuilder.Sql(
                "INSERT INTO \"ReportTargets\" (\"DataRequestId\", \"Number\", \"Target\", \"AddedAt\") " +
                "SELECT \"Id\", 1, \"ReportTarget\", \"ReceivedAt\" FROM \"DataRequests\" WHERE \"ReportTarget\" IS NOT NULL;");

            migrationBuilder.AddColumn<int>(
                name: "TargetNumber",
                table: "ReportDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Results already queued or delivered went to that target.
            migrationBuilder.Sql("UPDATE \"ReportDeliveries\" SET \"TargetNumber\" = 1 WHERE \"Kind\" = 'Result';");

            migrationBuilder.DropIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind",
                table: "ReportDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind_TargetNumber",
                table: "ReportDeliveries",
                columns: new[] { "DataRequestId", "Kind", "TargetNumber" },
                unique: true);

            migrationBuilder.DropColumn(
                name: "ReportTarget",
                table: "DataRequests");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReportTarget",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            // Back to one target per request: the first one given.
            migrationBuilder.Sql(
                "UPDATE \"DataRequests\" SET \"ReportTarget\" = (SELECT \"Target\" FROM \"ReportTargets\" " +
                "WHERE \"ReportTargets\".\"DataRequestId\" = \"DataRequests\".\"Id\" AND \"ReportTargets\".\"Number\" = 1);");

            migrationBuilder.Sql("DELETE FROM \"ReportDeliveries\" WHERE \"Kind\" = 'Result' AND \"TargetNumber\" > 1;");

            migrationBuilder.DropIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind_TargetNumber",
                table: "ReportDeliveries");

            migrationBuilder.DropColumn(
                name: "TargetNumber",
                table: "ReportDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind",
                table: "ReportDeliveries",
                columns: new[] { "DataRequestId", "Kind" },
                unique: true);

            migrationBuilder.DropTable(
                name: "ReportTargets");
        }
    }
}
