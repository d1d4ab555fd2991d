using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RequestLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "DataRequests",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "DataRequests");
        }
    }
}
