using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewAndManualTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OriginalKeptUntil",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OriginalResultBytes",
                table: "DataRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalResultSha256",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ManualTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Records = table.Column<long>(type: "INTEGER", nullable: false),
                    Files = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Record = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ReasonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReasonText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
