package io.metasync.webhooks;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The same webhook endpoint under {@code /api/v1}, like the connect room's callbacks, so either URL can be registered at Meta. */
@Path("/api/v1/webhooks/meta")
@PermitAll
@Tag(name = "Meta webhooks")
public class ApiWebhookResource extends WebhookResource {

    public ApiWebhookResource(WebhookIntake intake) {
        super(intake);
    }
}
