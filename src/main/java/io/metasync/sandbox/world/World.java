package io.metasync.sandbox.world;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.world.Ids.Kind;
import io.metasync.sandbox.world.Model.Form;
import io.metasync.sandbox.world.Model.Lead;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The current generated world: what exists and when. Replaced wholesale by a reset; everything in it is
 * computed on demand except the few things clients change (added leads, subscriptions, report runs).
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class World {

    /** One world's immutable parts plus its own small mutable stores. */
    public record State(Catalog catalog, AdCatalog ads, LeadFactory leads, LeadTimeline timeline,
            Subscriptions subscriptions, InsightEngine insights, Restatements restatements) {
    }

    private volatile State state;

    public void reset(WorldSpec spec, Instant now, double leadsPerMinute) {
        spec.validate();
        Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AdCatalog ads = new AdCatalog(spec);
        Restatements restatements = new Restatements();
        state = new State(new Catalog(spec, start), ads, new LeadFactory(spec, ads),
                new LeadTimeline(spec, start.toEpochMilli(), leadsPerMinute), new Subscriptions(),
                new InsightEngine(spec, ads, start, restatements), restatements);
    }

    public State state() {
        return state;
    }

    public Catalog catalog() {
        return state.catalog();
    }

    public AdCatalog ads() {
        return state.ads();
    }

    public LeadTimeline timeline() {
        return state.timeline();
    }

    public Subscriptions subscriptions() {
        return state.subscriptions();
    }

    public InsightEngine insights() {
        return state.insights();
    }

    public Restatements restatements() {
        return state.restatements();
    }

    /** A lead by id, if it exists and is visible at this time. */
    public Optional<Lead> lead(String id, long nowMs) {
        return Ids.decode(id).filter(d -> d.kind() == Kind.LEAD).flatMap(d -> {
            State s = state;
            return s.catalog().form(d.number() / Ids.LEADS).flatMap(form -> lead(s, form, d.number() % Ids.LEADS, nowMs));
        });
    }

    public Lead lead(Form form, long ordinal, long nowMs) {
        return lead(state, form, ordinal, nowMs).orElseThrow();
    }

    public List<Lead> leads(Form form, LeadTimeline.Key before, LeadTimeline.Window window, int max, long nowMs) {
        State s = state;
        return s.timeline().newestFirst(form.index(), before, window, max, nowMs).stream()
                .map(k -> s.leads().lead(form, k.ordinal(), k.ms())).toList();
    }

    public static String leadId(Form form, long ordinal) {
        return LeadFactory.id(form, ordinal);
    }

    private static Optional<Lead> lead(State s, Form form, long ordinal, long nowMs) {
        long ms = s.timeline().timeOf(form.index(), ordinal, nowMs);
        return ms < 0 ? Optional.empty() : Optional.of(s.leads().lead(form, ordinal, ms));
    }
}
