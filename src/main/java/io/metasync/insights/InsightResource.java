package io.metasync.insights;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.insights.InsightViews.ImportResult;
import io.metasync.insights.InsightViews.InsightRowView;
import io.metasync.insights.InsightViews.Summary;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/insights")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Insights")
@Produces(MediaType.APPLICATION_JSON)
public class InsightResource {

    private final InsightQueries queries;
    private final InsightImport importer;
    private final CurrentCaller caller;

    public InsightResource(InsightQueries queries, InsightImport importer, CurrentCaller caller) {
        this.queries = queries;
        this.importer = importer;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Stored daily insights rows, oldest first, with ctr, cpc, cpm and roas")
    @APIResponse(responseCode = "200", description = "A page of rows")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's ad accounts")
    public Uni<Page<InsightRowView>> list(@QueryParam("adAccountId") String adAccountId, @QueryParam("level") String level,
            @QueryParam("entityId") String entityId, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("breakdown") String breakdown, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        InsightFilter filter = InsightFilter.of(adAccountId, level, entityId, since, until, breakdown);
        return queries.rows(caller.workspaceId(), filter, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "An ad account's totals and daily series for the dashboard (default: its last 30 days, coarsest level stored)")
    @APIResponse(responseCode = "200", description = "Totals and daily series",
            content = @Content(schema = @Schema(implementation = Summary.class)))
    @APIResponse(responseCode = "400", description = "Invalid account, level or range")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's ad accounts")
    public Uni<Summary> summary(@QueryParam("adAccountId") String adAccountId, @QueryParam("level") String level,
            @QueryParam("since") String since, @QueryParam("until") String until) {
        if (adAccountId == null) {
            throw ProblemException.invalid("adAccountId", "is required");
        }
        InsightFilter filter = InsightFilter.of(adAccountId, level, null, since, until, null);
        return queries.summary(caller.workspaceId(), adAccountId, filter.level(), filter.since(), filter.until());
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Operation(summary = "Every matching row as CSV, streamed (cells that could run as spreadsheet formulas are defused)")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's ad accounts")
    public RestMulti<String> export(@QueryParam("adAccountId") String adAccountId, @QueryParam("level") String level,
            @QueryParam("entityId") String entityId, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("breakdown") String breakdown) {
        InsightFilter filter = InsightFilter.of(adAccountId, level, entityId, since, until, breakdown);
        UUID workspaceId = caller.workspaceId();
        Multi<String> lines = queries.checkAccount(workspaceId, filter.adAccountId()).onItem()
                .transformToMulti(v -> Multi.createBy().concatenating().streams(Multi.createFrom().item(InsightCsv.header()),
                        queries.all(workspaceId, filter).map(InsightCsv::line)));
        return RestMulti.fromMultiData(lines).header("Content-Disposition", "attachment; filename=\"insights.csv\"").build();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import an Ads Manager CSV export (daily rows): rows upserted like synced ones, bad lines reported")
    @APIResponse(responseCode = "200", description = "What was imported and the lines left out",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "No file, unreadable CSV, missing columns, another currency, or no ad account (adAccountId or an Account ID column)")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's ad accounts")
    public Uni<ImportResult> importCsv(@RestForm("file") FileUpload file,
            @RestForm("adAccountId") @Pattern(regexp = AdAccountResource.AD_ACCOUNT_ID) String adAccountId) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "a CSV file part named file is required");
        }
        // without adAccountId, the export's Account ID column names the ad account
        return importer.importFile(caller.workspaceId(), adAccountId, file.uploadedFile());
    }
}
