package io.metasync.privacy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.common.time.AppClock;
import io.metasync.inbox.InboxEraser;
import io.metasync.leads.LeadEraser;
import io.smallrye.mutiny.Uni;

/** Erases a person's data from a workspace, asking each room that holds personal data to erase its part. */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final LeadEraser leads;
    private final InboxEraser inbox;
    private final AppClock clock;

    public ErasureService(LeadEraser leads, InboxEraser inbox, AppClock clock) {
        this.leads = leads;
        this.inbox = inbox;
        this.clock = clock;
    }

    public Uni<ErasureResult> erase(UUID workspaceId, ErasureRequest request) {
        return leads.erase(workspaceId, request.email(), request.phone())
                .flatMap(erased -> inbox.erase(workspaceId, request.metaUserId(), request.phone())
                        .map(messages -> new ErasureResult(erased.leads(), erased.consents(), messages,
                                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))))
                // counts only: the person's identifiers never reach a log line
                .invoke(result -> LOG.infof("Privacy erasure in workspace %s removed %d leads, %d consents and %d messages",
                        workspaceId, result.leads(), result.consents(), result.messages()));
    }
}
