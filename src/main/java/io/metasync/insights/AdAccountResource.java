package io.metasync.insights;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.tenant.CurrentCaller;
import io.metasync.insights.InsightViews.AdAccountView;
import io.metasync.insights.InsightViews.CampaignView;
import io.metasync.jobs.SyncRunResponses;
import io.metasync.jobs.SyncRunView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/meta/ad-accounts")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Insights")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdAccountResource {

    public static final String AD_ACCOUNT_ID = "act_\\d{1,30}";
    static final Set<String> PRESETS = Set.of("today", "yesterday", "this_month", "last_month", "this_quarter", "maximum",
            "data_maximum", "last_3d", "last_7d", "last_14d", "last_28d", "last_30d", "last_90d", "last_week_mon_sun",
            "last_week_sun_sat", "last_quarter", "last_year", "this_week_mon_today", "this_week_sun_today", "this_year");

    /** Body of the sync: inclusive dates in the account's time zone, one level, optional breakdowns. */
    public record SyncRequest(String since, String until, String level, List<String> breakdowns) {
    }

    /** Items of {@code GET /meta/ad-accounts} (nextCursor there as null). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record AdAccountList(List<AdAccountView> items, String nextCursor) {
    }

    private final AdAccounts accounts;
    private final Campaigns campaigns;
    private final InsightSync sync;
    private final SyncRunResponses responses;
    private final CurrentCaller caller;

    public AdAccountResource(AdAccounts accounts, Campaigns campaigns, InsightSync sync, SyncRunResponses responses,
            CurrentCaller caller) {
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.sync = sync;
        this.responses = responses;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The workspace's ad accounts, as Meta describes them now")
    @APIResponse(responseCode = "200", description = "Ad accounts",
            content = @Content(schema = @Schema(implementation = AdAccountList.class)))
    public Uni<AdAccountList> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return accounts.list(caller.workspaceId()).map(items -> {
            Page<AdAccountView> slice = Cursor.slice(items, page, AdAccountView::id);
            return new AdAccountList(slice.items(), slice.nextCursor());
        });
    }

    @GET
    @Path("/{id}/campaigns")
    @Operation(summary = "An ad account's campaigns with their insights over a range (default: the last 30 days)")
    @APIResponse(responseCode = "200", description = "A page of campaigns")
    @APIResponse(responseCode = "400", description = "Invalid id, range, preset, limit or cursor")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's ad accounts")
    public Uni<Page<CampaignView>> campaigns(@PathParam("id") @Pattern(regexp = AD_ACCOUNT_ID) String id,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("datePreset") String datePreset,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return campaigns.list(caller.workspaceId(), id, range(since, until, datePreset), page);
    }

    @POST
    @Path("/{id}/insights/sync")
    @Operation(summary = "Sync an ad account's daily insights over a range at one level as a sync run (async report runs)")
    @APIResponse(responseCode = "202", description = "The run, started (Location: the run)",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "200", description = "The run, finished within ?wait",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "400", description = "Invalid range, level, breakdowns or wait")
    @APIResponse(responseCode = "404", description = "Not one of the workspace's ad accounts")
    public Uni<Response> sync(@PathParam("id") @Pattern(regexp = AD_ACCOUNT_ID) String id, SyncRequest body,
            @QueryParam("wait") Integer wait) {
        var waitFor = SyncRunResponses.waitFor(wait);
        if (body == null) {
            throw ProblemException.invalid("body", "since and until are required");
        }
        LocalDate since = date("since", body.since());
        LocalDate until = date("until", body.until());
        if (since.isAfter(until)) {
            throw ProblemException.invalid("since", "must not be after until");
        }
        String level = body.level() == null ? "campaign" : body.level();
        if (!InsightMapper.LEVELS.contains(level)) {
            throw ProblemException.invalid("level", "must be one of " + InsightMapper.LEVELS);
        }
        List<String> breakdowns = InsightSync.breakdowns(body.breakdowns());
        UUID workspaceId = caller.workspaceId();
        return responses.answer(workspaceId, sync.start(workspaceId, id, since, until, level, breakdowns), waitFor);
    }

    static Campaigns.Range range(String since, String until, String preset) {
        if (preset != null && (since != null || until != null)) {
            throw ProblemException.invalid("datePreset", "give either datePreset or since and until");
        }
        if (since == null && until == null) {
            String p = preset == null ? "last_30d" : preset;
            if (!PRESETS.contains(p)) {
                throw ProblemException.invalid("datePreset", "must be one of Meta's presets, e.g. last_7d, last_30d, this_month");
            }
            return new Campaigns.Range(null, null, p);
        }
        LocalDate from = date("since", since);
        LocalDate to = date("until", until);
        if (from.isAfter(to)) {
            throw ProblemException.invalid("since", "must not be after until");
        }
        return new Campaigns.Range(from.toString(), to.toString(), null);
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date YYYY-MM-DD");
        }
    }
}
