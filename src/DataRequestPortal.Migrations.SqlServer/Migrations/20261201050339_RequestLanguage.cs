using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.SqlServer.Migrations
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
                type: "nvarchar(16)",
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
