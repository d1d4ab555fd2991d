using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReviewAndManualTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OriginalKeptUntil",
                table: "DataRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OriginalResultBytes",
                table: "DataRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalResultSha256",
                table: "DataRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ManualTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DataRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    SourceKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourceTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Assignee = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CompletedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    Files = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ManualTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ManualTasks_DataRequests_DataRequestId",
                        column: x => x.DataRequestId,
                        principalTable: "DataRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DataRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Category = table.Column<int>(type: "int", nullable: false),
                    Record = table.Column<int>(type: "int", nullable: false),
                    Field = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ReasonKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ReasonText = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewDecisions_DataRequests_DataRequestId",
                        column: x => x.DataRequestId,
                        principalTable: "DataRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_OriginalKeptUntil",
                table: "DataRequests",
                column: "OriginalKeptUntil");

            migrationBuilder.CreateIndex(
                name: "IX_ManualTasks_DataRequestId_Number",
                table: "ManualTasks",
                columns: new[] { "DataRequestId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ManualTasks_DataRequestId_SourceKey",
                table: "ManualTasks",
                columns: new[] { "DataRequestId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ManualTasks_State",
                table: "ManualTasks",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_DataRequestId_Category_Record_Field",
                table: "ReviewDecisions",
                columns: new[] { "DataRequestId", "Category", "Record", "Field" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ManualTasks");

            migrationBuilder.DropTable(
                name: "ReviewDecisions");

            migrationBuilder.DropIndex(
                name: "IX_DataRequests_OriginalKeptUntil",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "OriginalKeptUntil",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "OriginalResultBytes",
                table: "DataRequests");

            migrationBuilder.DropColumn(
                name: "OriginalResultSha256",
                table: "DataRequests");
        }
    }
}
