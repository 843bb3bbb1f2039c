package io.metasync.leads;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.page.Cursor;
import io.metasync.leads.LeadReader.StoredLead;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /leads/export.csv}: the header, then the leads in keyset batches of {@link #BATCH}, each
 * rendered and sent before the next is read, so memory holds one batch whatever the number of leads.
 */
@ApplicationScoped
public class LeadExport {

    static final int BATCH = 1000;

    private final LeadReader reader;
    private final LeadFormStore forms;

    public LeadExport(LeadReader reader, LeadFormStore forms) {
        this.reader = reader;
        this.forms = forms;
    }

    public Multi<String> csv(UUID workspaceId, LeadFilter filter) {
        return forms.ofWorkspace(workspaceId, filter.formId()).map(LeadCsv::forForms)
                .onItem().transformToMulti(csv -> Multi.createBy().concatenating().streams(
                        Multi.createFrom().item(csv.header()), rows(workspaceId, filter, csv)));
    }

    private Multi<String> rows(UUID workspaceId, LeadFilter filter, LeadCsv csv) {
        AtomicReference<Cursor> after = new AtomicReference<>();
        AtomicReference<Boolean> done = new AtomicReference<>(false);
        return Multi.createBy().repeating().uni(() -> after, last -> done.get() ? Uni.createFrom().item("")
                : reader.batch(workspaceId, filter, last.get(), BATCH).flatMap(leads -> {
                    done.set(leads.size() < BATCH);
                    if (leads.isEmpty()) {
                        return Uni.createFrom().item("");
                    }
                    last.set(leads.get(leads.size() - 1).cursor());
                    List<UUID> ids = leads.stream().map(StoredLead::id).toList();
                    return reader.consents(workspaceId, ids).map(consents -> csv.rows(leads, consents));
                }))
                .until(String::isEmpty);
    }
}
