using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class StaffDailyDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind_TargetNumber",
                table: "ReportDeliveries");

            migrationBuilder.AlterColumn<long>(
                name: "DataRequestId",
                table: "ReportDeliveries",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<long>(
                name: "StaffDigestMailId",
                table: "ReportDeliveries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WantsDailyDigest",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "StaffDigestMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestCount = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                name: "IX_ReportDeliveries_DataRequestId_Kind_TargetNumber",
                table: "ReportDeliveries",
                columns: new[] { "DataRequestId", "Kind", "TargetNumber" },
                unique: true,
                filter: "[DataRequestId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_StaffDigestMailId",
                table: "ReportDeliveries",
                column: "StaffDigestMailId",
                unique: true,
                filter: "[StaffDigestMailId] IS NOT NULL");

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
                name: "IX_ReportDeliveries_DataRequestId_Kind_TargetNumber",
                table: "ReportDeliveries");

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
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportDeliveries_DataRequestId_Kind_TargetNumber",
                table: "ReportDeliveries",
                columns: new[] { "DataRequestId", "Kind", "TargetNumber" },
                unique: true);
        }
    }
}
