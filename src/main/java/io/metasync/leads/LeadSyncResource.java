package io.metasync.leads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.metasync.common.tenant.CurrentCaller;
import io.metasync.jobs.SyncRunResponses;
import io.metasync.jobs.SyncRunView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/meta")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Lead Ads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeadSyncResource {

    /** {@code since}: an ISO-8601 date (its start, UTC) or date-time that overrides the form's checkpoint. */
    public record SyncRequest(String since) {

        OffsetDateTime sinceTime() {
            return LeadFilter.time("since", since);
        }
    }

    public record RetrievalRequest(@Size(max = 500) List<@Pattern(regexp = LeadFormResource.META_ID) String> formIds,
            @Pattern(regexp = LeadFormResource.META_ID) String pageId) {
    }

    private final LeadSync sync;
    private final FormService forms;
    private final LeadFormStore store;
    private final SyncRunResponses responses;
    private final CurrentCaller caller;

    public LeadSyncResource(LeadSync sync, FormService forms, LeadFormStore store, SyncRunResponses responses, CurrentCaller caller) {
        this.sync = sync;
        this.forms = forms;
        this.store = store;
        this.responses = responses;
        this.caller = caller;
    }

    @POST
    @Path("/forms/{formId}/sync")
    @Operation(summary = "Sync one form's leads since its checkpoint (or since) as a sync run")
    @APIResponse(responseCode = "202", description = "The run, started (Location: the run)",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "200", description = "The run, finished within ?wait",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "400", description = "Invalid since or wait")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's known forms")
    public Uni<Response> syncForm(@PathParam("formId") @Pattern(regexp = LeadFormResource.META_ID) String formId,
            SyncRequest body, @QueryParam("wait") Integer wait) {
        var waitFor = SyncRunResponses.waitFor(wait);
        OffsetDateTime since = body == null ? null : body.sinceTime();
        UUID workspaceId = caller.workspaceId();
        return responses.answer(workspaceId, store.get(workspaceId, formId)
                .flatMap(form -> sync.start(workspaceId, List.of(form), since)), waitFor);
    }

    @POST
    @Path("/lead-retrieval")
    @Operation(summary = "Retrieve many forms' leads at once (named forms, a Page's forms, or every form) as a sync run")
    @APIResponse(responseCode = "202", description = "The run, started (Location: the run)",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "200", description = "The run, finished within ?wait",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "400", description = "Invalid form ids, page id or wait")
    @APIResponse(responseCode = "404", description = "A form or Page that is not the workspace's")
    public Uni<Response> retrieve(@jakarta.validation.Valid RetrievalRequest body, @QueryParam("wait") Integer wait) {
        var waitFor = SyncRunResponses.waitFor(wait);
        UUID workspaceId = caller.workspaceId();
        RetrievalRequest request = body == null ? new RetrievalRequest(null, null) : body;
        Uni<List<LeadForm>> chosen;
        if (request.formIds() != null && !request.formIds().isEmpty()) {
            chosen = Multi.createFrom().iterable(request.formIds().stream().distinct().toList())
                    .onItem().transformToUniAndConcatenate(id -> store.get(workspaceId, id)).collect().asList();
        } else if (request.pageId() != null) {
            chosen = forms.refresh(workspaceId, request.pageId());
        } else {
            chosen = forms.allForms(workspaceId);
        }
        return responses.answer(workspaceId, chosen.flatMap(list -> sync.start(workspaceId, list, null)), waitFor);
    }
}
