using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffDailyDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "DataRequestId",
                table: "ReportDeliveries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "StaffDigestMailId",
                table: "ReportDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WantsDailyDigest",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "StaffDigestMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffDigestMails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffDigestMails_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_StaffDigestMailId",
                table: "ReportDeliveries",
                column: "StaffDigestMailId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffDigestMails_UserId_Day",
                table: "StaffDigestMails",
                columns: new[] { "UserId", "Day" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ReportDeliveries_StaffDigestMails_StaffDigestMailId",
                table: "ReportDeliveries",
                column: "StaffDigestMailId",
                principalTable: "StaffDigestMails",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ReportDeliveries_StaffDigestMails_StaffDigestMailId",
                table: "ReportDeliveries");

            migrationBuilder.DropTable(
                name: "StaffDigestMails");

            migrationBuilder.DropIndex(
                name: "IX_ReportDeliveries_StaffDigestMailId",
                table: "ReportDeliveries");

            migrationBuilder.DropColumn(
                name: "StaffDigestMailId",
                table: "ReportDeliveries");

            migrationBuilder.DropColumn(
                name: "WantsDailyDigest",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<long>(
                name: "DataRequestId",
                table: "ReportDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
