using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataRequestPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenRequestPerSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "UX_DataRequests_ActiveSelfService",
                table: "DataRequests",
                columns: new[] { "SubjectType", "SubjectId" },
                unique: true,
                filter: "[Channel] = 'SelfService' AND [State] IN ('Unverified', 'Queued', 'Collecting', 'Failed', 'AwaitingSubject', 'InReview')");

            migrationBuilder.CreateIndex(
                name: "UX_DataRequests_OpenApiRequest",
                table: "DataRequests",
                columns: new[] { "ApiTokenId", "SubjectType", "SubjectId" },
                unique: true,
                filter: "[ApiTokenId] IS NOT NULL AND [State] IN ('Queued', 'Collecting', 'Failed', 'AwaitingSubject', 'InReview')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_DataRequests_ActiveSelfService",
                table: "DataRequests");

            migrationBuilder.DropIndex(
                name: "UX_DataRequests_OpenApiRequest",
                table: "DataRequests");
        }
    }
}
