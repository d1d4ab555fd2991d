using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportDeliveries_DataRequestId",
                table: "ReportDeliveries");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ReportDeliveries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Result");

            migrationBuilder.CreateTable(
                name: "SignInChallenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    LinkHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    BrowserHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ClientHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WrongAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInChallenges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind",
                table: "ReportDeliveries",
                columns: new[] { "DataRequestId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignInChallenges_ClientHash_CreatedAt",
                table: "SignInChallenges",
                columns: new[] { "ClientHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignInChallenges_CreatedAt",
                table: "SignInChallenges",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SignInChallenges_Email_CreatedAt",
                table: "SignInChallenges",
                columns: new[] { "Email", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignInChallenges_LinkHash",
                table: "SignInChallenges",
                column: "LinkHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInChallenges");

            migrationBuilder.DropIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind",
                table: "ReportDeliveries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ReportDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_DataRequestId",
                table: "ReportDeliveries",
                column: "DataRequestId",
                unique: true);
        }
    }
}
