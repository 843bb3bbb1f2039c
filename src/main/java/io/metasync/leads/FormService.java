package io.metasync.leads;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.connect.connection.ConnectionService;
import io.metasync.graph.GraphClient;
import io.metasync.leads.LeadViews.FormDetail;
import io.metasync.leads.LeadViews.FormSummary;
import io.metasync.leads.LeadViews.PageView;
import io.metasync.leads.LeadViews.PreviewLead;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Pages and lead forms of a workspace, read from Meta and kept in {@code lead_form}; previews of leads. */
@ApplicationScoped
public class FormService {

    /** The lead fields metasync reads from Meta (sync, preview and webhooks alike). */
    public static final String LEAD_FIELDS = "id,created_time,field_data,custom_disclaimer_responses,ad_id,adset_id,campaign_id,"
            + "form_id,platform,is_organic";

    private final ConnectionService connections;
    private final GraphClient graph;
    private final LeadFormStore forms;
    private final PageSubscriptions subscriptions;

    public FormService(ConnectionService connections, GraphClient graph, LeadFormStore forms, PageSubscriptions subscriptions) {
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.graph = graph;
        this.forms = forms;
    }

    /** The workspace's Pages, each with whether the app gets its leadgen webhooks (null when Meta could not say). */
    public Uni<List<PageView>> pages(UUID workspaceId) {
        return connections.pages(workspaceId).flatMap(pages -> Multi.createFrom().iterable(pages)
                .onItem().transformToUniAndConcatenate(p -> subscribed(workspaceId, p.pageId())
                        .map(s -> new PageView(p.pageId(), p.name(), p.connectionId(), s, p.instagramAccountId())))
                .collect().asList());
    }

    private Uni<Boolean> subscribed(UUID workspaceId, String pageId) {
        return subscriptions.subscribedFields(workspaceId, pageId).map(f -> f.contains(PageSubscriptions.LEADGEN))
                .onFailure().recoverWithNull();
    }

    /** A Page's forms, read from Meta now and stored (the page must be the workspace's: 404 otherwise). */
    public Uni<List<LeadForm>> refresh(UUID workspaceId, String pageId) {
        return connections.pageAuth(workspaceId, pageId)
                .flatMap(auth -> graph.paginate(auth, pageId + "/leadgen_forms", Map.of("fields", LeadFormStore.GRAPH_FIELDS, "limit", "100"))
                        .onItem().transformToUniAndConcatenate(form -> forms.upsert(workspaceId, pageId, form))
                        .collect().asList());
    }

    public Uni<List<FormSummary>> forms(UUID workspaceId, String pageId) {
        return refresh(workspaceId, pageId).map(list -> list.stream().map(LeadViews::summary).toList());
    }

    public Uni<FormDetail> form(UUID workspaceId, String formId) {
        return forms.get(workspaceId, formId).map(LeadViews::detail);
    }

    public Uni<FormDetail> saveMapping(UUID workspaceId, String formId, Map<String, String> mapping) {
        return forms.saveMapping(workspaceId, formId, mapping).map(LeadViews::detail);
    }

    /** The form's newest leads straight from Meta, mapped; nothing is stored. */
    public Uni<List<PreviewLead>> preview(UUID workspaceId, String formId, int limit) {
        return forms.get(workspaceId, formId).flatMap(form -> connections.pageAuth(workspaceId, form.pageId())
                .flatMap(auth -> graph.paginate(auth, formId + "/leads", Map.of("fields", LEAD_FIELDS, "limit", String.valueOf(limit)))
                        .select().first(limit)
                        .map(lead -> LeadViews.preview(lead, LeadMapper.map(LeadMapper.targets(form), lead.path("field_data"),
                                form.locale())))
                        .collect().asList()));
    }

    /** Every form of the workspace: each Page's forms read again from Meta. */
    public Uni<List<LeadForm>> allForms(UUID workspaceId) {
        return connections.pages(workspaceId).flatMap(pages -> Multi.createFrom().iterable(pages)
                .onItem().transformToUniAndConcatenate(p -> refresh(workspaceId, p.pageId()))
                .collect().asList())
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }
}
