package io.metasync.leads;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.leads.LeadViews.FormDetail;
import io.metasync.leads.LeadViews.FormSummary;
import io.metasync.leads.LeadViews.PageView;
import io.metasync.leads.LeadViews.PreviewLead;
import io.metasync.leads.LeadViews.Subscription;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/meta")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Lead Ads")
@Produces(MediaType.APPLICATION_JSON)
public class LeadFormResource {

    /** Meta ids are numeric strings. */
    static final String META_ID = "[0-9]{1,32}";

    /** {@code fields}: Meta question key to target field. */
    public record MappingRequest(@NotNull @Size(max = 200) Map<@NotNull @Size(min = 1, max = 200) String, String> fields) {
    }

    private final FormService service;
    private final PageSubscriptions subscriptions;
    private final CurrentCaller caller;

    public LeadFormResource(FormService service, PageSubscriptions subscriptions, CurrentCaller caller) {
        this.service = service;
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @GET
    @Path("/pages")
    @Operation(summary = "The workspace's Pages with their leadgen webhook subscription")
    @APIResponse(responseCode = "200", description = "The Pages")
    public Uni<Page<PageView>> pages(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return service.pages(caller.workspaceId()).map(items -> Cursor.slice(items, page, PageView::id));
    }

    @PUT
    @Path("/pages/{pageId}/subscription")
    @Operation(summary = "Install the app on the Page for leadgen (and, where permitted, messaging) webhooks")
    @APIResponse(responseCode = "200", description = "The Page's subscription as Meta now has it")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's Pages")
    @APIResponse(responseCode = "409", description = "Meta refused (a permission is missing or the token was revoked)")
    public Uni<Subscription> subscribe(@PathParam("pageId") @Pattern(regexp = META_ID) String pageId) {
        return subscriptions.subscribe(caller.workspaceId(), pageId);
    }

    @DELETE
    @Path("/pages/{pageId}/subscription")
    @Operation(summary = "Remove the app's install from the Page: no more webhooks (scheduled reconciliation still pulls its leads)")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's Pages")
    @APIResponse(responseCode = "409", description = "Meta refused (the token was revoked)")
    public Uni<Void> unsubscribe(@PathParam("pageId") @Pattern(regexp = META_ID) String pageId) {
        return subscriptions.unsubscribe(caller.workspaceId(), pageId);
    }

    @GET
    @Path("/pages/{pageId}/forms")
    @Operation(summary = "A Page's lead forms, read from Meta now")
    @APIResponse(responseCode = "200", description = "The forms")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's Pages")
    @APIResponse(responseCode = "409", description = "Meta denied the Page's forms (a permission is missing)")
    public Uni<Page<FormSummary>> forms(@PathParam("pageId") @Pattern(regexp = META_ID) String pageId,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return service.forms(caller.workspaceId(), pageId).map(items -> Cursor.slice(items, page, FormSummary::id));
    }

    @GET
    @Path("/forms/{formId}")
    @Operation(summary = "A form with its questions, field mapping and sync checkpoint")
    @APIResponse(responseCode = "200", description = "The form")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's known forms")
    public Uni<FormDetail> form(@PathParam("formId") @Pattern(regexp = META_ID) String formId) {
        return service.form(caller.workspaceId(), formId);
    }

    @GET
    @Path("/forms/{formId}/preview")
    @Operation(summary = "The form's newest leads straight from Meta, mapped, not saved")
    @APIResponse(responseCode = "200", description = "The leads")
    @APIResponse(responseCode = "400", description = "Invalid limit")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's known forms")
    public Uni<Page<PreviewLead>> preview(@PathParam("formId") @Pattern(regexp = META_ID) String formId,
            @QueryParam("limit") Integer limit) {
        // the newest leads, one page of the list convention's size (default 50, at most 500); not paged further
        return service.preview(caller.workspaceId(), formId, PageRequest.of(limit, null).limit()).map(items -> new Page<>(items, null));
    }

    @PUT
    @Path("/forms/{formId}/mapping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Map the form's questions to lead fields (standard ones map by themselves)")
    @APIResponse(responseCode = "200", description = "The form with its new mapping")
    @APIResponse(responseCode = "400", description = "Unknown target field")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's known forms")
    public Uni<FormDetail> mapping(@PathParam("formId") @Pattern(regexp = META_ID) String formId,
            @NotNull @jakarta.validation.Valid MappingRequest body) {
        body.fields().forEach((key, target) -> {
            if (!LeadMapper.validTarget(target)) {
                throw ProblemException.invalid("fields." + key, "must be one of " + LeadMapper.TARGETS + " or custom.<name>");
            }
        });
        return service.saveMapping(caller.workspaceId(), formId, body.fields());
    }
}
