package io.metasync.webhooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.connect.health.TokenHealthCheck;
import io.metasync.graph.BatchRequest;
import io.metasync.graph.BatchResult;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.graph.GraphErrorKind;
import io.metasync.graph.GraphException;
import io.metasync.graph.GraphValues;
import io.metasync.jobs.LeadQuota;
import io.metasync.jobs.SyncRunner;
import io.metasync.leads.FormService;
import io.metasync.leads.LeadWriter;
import io.metasync.leads.LeadWriter.Stored;
import io.metasync.webhooks.WebhookEntryStore.Entry;
import io.metasync.webhooks.WebhookPayload.LeadRef;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A workspace's leadgen entries of one Page: the leads they name are fetched with the Page token, all at
 * once through batch requests (50 per call), and stored per form by {@link LeadWriter#ingest} (source
 * {@code webhook}), the same path as sync; a form not known yet is discovered first. Each entry's
 * outcome: done, failed for now (Graph transient or throttled, database) or failed for good.
 */
@ApplicationScoped
class LeadgenProcessor {

    /** Meta's limit of requests per batch. */
    static final int PER_BATCH = 50;

    /**
     * What processing the entries did: leads stored, entries failed (transient ones marked, and those only held by Meta:
     * throttled, or no answer within the fetch timeout), Graph calls.
     */
    record Processed(List<Stored> stored, Map<Long, String> errors, Set<Long> transientFailures, Set<Long> held, long graphCalls) {
    }

    private final ConnectionService connections;
    private final GraphClient graph;
    private final LeadWriter writer;
    private final FormService forms;
    private final LeadQuota quota;
    private final WebhooksConfig config;
    private final TokenHealthCheck health;

    LeadgenProcessor(ConnectionService connections, GraphClient graph, LeadWriter writer, FormService forms, LeadQuota quota,
            WebhooksConfig config, TokenHealthCheck health) {
        this.config = config;
        this.health = health;
        this.connections = connections;
        this.graph = graph;
        this.writer = writer;
        this.forms = forms;
        this.quota = quota;
    }

    Uni<Processed> process(UUID workspaceId, String pageId, List<Entry> entries) {
        Map<Long, List<LeadRef>> refs = new LinkedHashMap<>();
        Map<String, String> formOf = new LinkedHashMap<>();
        for (Entry e : entries) {
            List<LeadRef> list = WebhookPayload.leads(e.items());
            refs.put(e.id(), list);
            list.forEach(r -> formOf.putIfAbsent(r.leadId(), r.formId()));
        }
        List<String> leadIds = new ArrayList<>(formOf.keySet());
        Failures failures = new Failures();
        if (leadIds.isEmpty()) {
            return Uni.createFrom().item(result(refs, List.of(), failures, 0));
        }
        return connections.pageAuth(workspaceId, pageId)
                .flatMap(auth -> fetch(auth, leadIds, failures))
                // most often the governor holding a throttled token: the entries wait it out without using up attempts
                .ifNoItem().after(config.fetchTimeout()).failWith(() -> GraphException.of(GraphErrorKind.THROTTLED,
                        "Meta did not answer the lead fetch within " + config.fetchTimeout() + " (rate-limit hold or slow); retried", 0))
                .call(fetched -> quota.record(pageId, leadIds.size()))
                .flatMap(fetched -> store(workspaceId, pageId, fetched, formOf, failures))
                .onFailure().call(failure -> health.pageTokenRefused(workspaceId, pageId, failure).onFailure().recoverWithNull())
                .onFailure().recoverWithItem(failure -> {
                    leadIds.forEach(id -> failures.add(id, failure));
                    return List.of();
                })
                .map(stored -> result(refs, stored, failures, (leadIds.size() + PER_BATCH - 1) / PER_BATCH));
    }

    /** The leads, {@value #PER_BATCH} per batch request, {@code fetch-concurrency} batch requests at once. */
    private Uni<Map<String, JsonNode>> fetch(GraphAuth auth, List<String> leadIds, Failures failures) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < leadIds.size(); i += PER_BATCH) {
            chunks.add(leadIds.subList(i, Math.min(leadIds.size(), i + PER_BATCH)));
        }
        Map<String, JsonNode> leads = new java.util.concurrent.ConcurrentHashMap<>();
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUni(chunk -> graph.batch(auth, chunk.stream()
                        .map(id -> BatchRequest.get(id, Map.of("fields", FormService.LEAD_FIELDS))).toList())
                        .invoke(results -> {
                            for (int i = 0; i < results.size(); i++) {
                                BatchResult r = results.get(i);
                                if (r.ok()) {
                                    leads.put(chunk.get(i), r.body());
                                } else {
                                    failures.add(chunk.get(i), r.error());
                                }
                            }
                        }))
                .merge(config.fetchConcurrency())
                .collect().last()
                .map(done -> {
                    Map<String, JsonNode> ordered = new LinkedHashMap<>();
                    leadIds.stream().filter(leads::containsKey).forEach(id -> ordered.put(id, leads.get(id)));
                    return ordered;
                });
    }

    private Uni<List<Stored>> store(UUID workspaceId, String pageId, Map<String, JsonNode> leads, Map<String, String> formOf,
            Failures failures) {
        Map<String, List<JsonNode>> byForm = new LinkedHashMap<>();
        leads.forEach((id, lead) -> {
            String form = lead.hasNonNull("form_id") ? GraphValues.id(lead.path("form_id")) : formOf.get(id);
            if (form == null) {
                failures.add(id, ProblemException.notFound("The form of lead " + id));
            } else {
                byForm.computeIfAbsent(form, f -> new ArrayList<>()).add(lead);
            }
        });
        List<Stored> stored = new ArrayList<>();
        return Multi.createFrom().iterable(byForm.entrySet())
                .onItem().transformToUniAndConcatenate(f -> ingest(workspaceId, pageId, f.getKey(), f.getValue())
                        .invoke(stored::addAll)
                        .onFailure().recoverWithItem(failure -> {
                            f.getValue().forEach(l -> failures.add(GraphValues.id(l.path("id")), failure));
                            return List.of();
                        }))
                .collect().last().replaceWith(stored);
    }

    /** Ingests a form's leads; a form this workspace has not listed yet is read from Meta first. */
    private Uni<List<Stored>> ingest(UUID workspaceId, String pageId, String formId, List<JsonNode> leads) {
        return writer.ingest(workspaceId, formId, leads, "webhook")
                .onFailure(f -> f instanceof ProblemException p && p.status() == 404)
                .recoverWithUni(() -> forms.refresh(workspaceId, pageId)
                        .flatMap(found -> writer.ingest(workspaceId, formId, leads, "webhook")));
    }

    private static Processed result(Map<Long, List<LeadRef>> refs, List<Stored> stored, Failures failures, long calls) {
        Map<Long, String> errors = new HashMap<>();
        Set<Long> transientOnes = new HashSet<>();
        Set<Long> held = new HashSet<>();
        refs.forEach((entry, list) -> {
            Set<String> messages = new LinkedHashSet<>();
            boolean transientFailure = false;
            boolean onlyHeld = true;
            for (LeadRef r : list) {
                Throwable f = failures.byLead.get(r.leadId());
                if (f != null) {
                    messages.add("lead " + r.leadId() + ": " + SyncRunner.describe(f));
                    transientFailure |= WebhookPageJob.isTransient(f);
                    onlyHeld &= f instanceof GraphException g && g.kind() == GraphErrorKind.THROTTLED;
                }
            }
            if (!messages.isEmpty()) {
                errors.put(entry, String.join("; ", messages));
                if (transientFailure) {
                    transientOnes.add(entry);
                }
                if (onlyHeld) {
                    held.add(entry);
                }
            }
        });
        return new Processed(stored, errors, transientOnes, held, calls);
    }

    /** The first failure of each lead. */
    private static final class Failures {
        final Map<String, Throwable> byLead = new HashMap<>();

        synchronized void add(String leadId, Throwable failure) {
            byLead.putIfAbsent(leadId, failure);
        }
    }
}
