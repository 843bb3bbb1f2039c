package io.metasync.webhooks;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.jobs.queue.JobQueue;
import io.metasync.jobs.queue.JobQueue.JobSpec;
import io.metasync.jobs.queue.JobWorker;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** The webhooks room's service: replaying an event queues its Page's job again. */
@ApplicationScoped
public class WebhookEvents {

    private final WebhookEntryStore store;
    private final WebhookEntryViews views;
    private final JobQueue jobs;
    private final JobWorker worker;

    WebhookEvents(WebhookEntryStore store, WebhookEntryViews views, JobQueue jobs, JobWorker worker) {
        this.store = store;
        this.views = views;
        this.jobs = jobs;
        this.worker = worker;
    }

    public Uni<WebhookEntryView> replay(UUID workspaceId, long id) {
        return views.replay(workspaceId, id).call(view -> jobs.enqueue(List.of(new JobSpec(
                WebhookRouter.PAGE_JOB_PREFIX + view.pageId(), WebhookPageJob.KIND, null,
                new JsonObject().put("pageId", view.pageId()), store.now()))).invoke(worker::wake));
    }
}
