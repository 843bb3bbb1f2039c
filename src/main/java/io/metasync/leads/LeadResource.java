package io.metasync.leads;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.leads.LeadViews.LeadDetail;
import io.metasync.leads.LeadViews.LeadSummary;
import io.metasync.leads.LeadViews.StatusChange;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/leads")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Lead Ads")
@Produces(MediaType.APPLICATION_JSON)
public class LeadResource {

    static final String CSV = "text/csv";

    private final LeadReader reader;
    private final LeadExport export;
    private final LeadWriter writer;
    private final CurrentCaller caller;

    public LeadResource(LeadReader reader, LeadExport export, LeadWriter writer, CurrentCaller caller) {
        this.reader = reader;
        this.export = export;
        this.writer = writer;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Stored leads, newest first (since/until: ISO-8601 date or date-time; q: e-mail, name or phone)")
    @APIResponse(responseCode = "200", description = "A page of leads")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor")
    public Uni<Page<LeadSummary>> list(@QueryParam("formId") String formId, @QueryParam("pageId") String pageId,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("q") String q,
            @QueryParam("status") String status, @QueryParam("minScore") Integer minScore, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        LeadFilter filter = LeadFilter.of(formId, pageId, since, until, q, status, minScore);
        return reader.list(caller.workspaceId(), filter, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/export.csv")
    @Produces(CSV)
    @Operation(summary = "The leads matching the filters of GET /leads as CSV, streamed; mapped fields as columns")
    @APIResponse(responseCode = "200", description = "The CSV")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    public Multi<String> csv(@QueryParam("formId") String formId, @QueryParam("pageId") String pageId,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("q") String q,
            @QueryParam("status") String status, @QueryParam("minScore") Integer minScore) {
        LeadFilter filter = LeadFilter.of(formId, pageId, since, until, q, status, minScore);
        return RestMulti.fromMultiData(export.csv(caller.workspaceId(), filter))
                .header("Content-Disposition", "attachment; filename=\"leads.csv\"").build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One lead: mapped fields, Meta's raw answers, consents, ad ids and where it came from")
    @APIResponse(responseCode = "200", description = "The lead")
    @APIResponse(responseCode = "404", description = "No such lead in this workspace")
    public Uni<LeadDetail> get(@PathParam("id") UUID id) {
        return reader.get(caller.workspaceId(), id);
    }

    @PUT
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a lead's status (new, contacted, qualified, unqualified, converted); follow-ups stop once it is not new")
    @APIResponse(responseCode = "200", description = "The lead")
    @APIResponse(responseCode = "400", description = "Unknown status")
    @APIResponse(responseCode = "404", description = "No such lead in this workspace")
    public Uni<LeadDetail> status(@PathParam("id") UUID id, StatusChange body) {
        UUID workspaceId = caller.workspaceId();
        return writer.status(workspaceId, id, body == null ? null : body.status()).flatMap(v -> reader.get(workspaceId, id));
    }
}
