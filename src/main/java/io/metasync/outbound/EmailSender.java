package io.metasync.outbound;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.leads.LeadMapper;
import io.metasync.leads.LeadViews.Consent;
import io.metasync.leads.LeadViews.LeadDetail;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;

/**
 * Welcome e-mails through quarkus-mailer (the mock mailer in dev and test, SMTP in prod): the destination's
 * Qute subject and body rendered with {@code lead} ({@code {lead.fields.email}}, {@code {lead.fields.fullName}},
 * every standard field present, empty when unanswered) and {@code unsubscribeUrl}. Sent only to a lead with an
 * e-mail that is not on the workspace's suppression list and, when the destination names a consent checkbox,
 * that ticked it; otherwise skipped with the reason. Every e-mail carries its unsubscribe link and header.
 * Follow-up steps ({@link FollowUps}) are rendered and checked the same way.
 */
@ApplicationScoped
public class EmailSender {

    private final ReactiveMailer mailer;
    private final Engine qute;
    private final Unsubscribes unsubscribes;

    public EmailSender(ReactiveMailer mailer, Engine qute, Unsubscribes unsubscribes) {
        this.mailer = mailer;
        this.qute = qute;
        this.unsubscribes = unsubscribes;
    }

    /** Sends step {@code step} (0: the welcome; 1..: the follow-ups) to the lead. */
    public Uni<SendResult> send(Destination d, LeadDetail lead, int step) {
        JsonNode templates = FollowUps.templates(d, step);
        if (templates == null) {
            return Uni.createFrom().item(SendResult.skipped("the destination has no step " + step + " any more"));
        }
        String email = lead.fields().get("email");
        if (email == null || email.isBlank()) {
            return Uni.createFrom().item(SendResult.skipped("the lead has no e-mail address"));
        }
        String consentKey = d.config().path("requireConsentKey").asText(null);
        if (consentKey != null && lead.consents().stream().noneMatch(c -> c.checkboxKey().equals(consentKey) && c.checked())) {
            return Uni.createFrom().item(SendResult.skipped("the lead did not tick the consent checkbox '" + consentKey + "'"));
        }
        return unsubscribes.suppressed(d.workspaceId(), email).flatMap(suppressed -> {
            if (suppressed) {
                return Uni.createFrom().item(SendResult.skipped("the address unsubscribed"));
            }
            long started = System.nanoTime();
            String link = unsubscribes.link(d.workspaceId(), email);
            Mail mail;
            try {
                Map<String, Object> data = Map.of("lead", data(lead), "unsubscribeUrl", link);
                String subject = qute.parse(templates.path("subjectTemplate").asText()).data(data).render().strip();
                String body = qute.parse(templates.path("bodyTemplate").asText()).data(data).render();
                mail = Mail.withText(email, subject, body + "\n\n--\nUnsubscribe: " + link).setFrom(d.config().path("from").asText())
                        .addHeader("List-Unsubscribe", "<" + link + ">");
            } catch (TemplateException e) {
                return Uni.createFrom().item(new SendResult(SendResult.DEAD, null, "template: " + e.getMessage(), 0));
            }
            return mailer.send(mail)
                    .replaceWith(() -> new SendResult(SendResult.DELIVERED, null, null, (System.nanoTime() - started) / 1_000_000))
                    .onFailure().recoverWithItem(e -> new SendResult(SendResult.RETRY, null, "mail: " + e.getClass().getSimpleName(),
                            (System.nanoTime() - started) / 1_000_000));
        });
    }

    /** What templates see as {@code lead}. */
    static Map<String, Object> data(LeadDetail lead) {
        Map<String, String> fields = new LinkedHashMap<>();
        LeadMapper.TARGETS.forEach(t -> fields.put(t, ""));
        fields.putAll(lead.fields());
        Map<String, Boolean> consents = new LinkedHashMap<>();
        for (Consent c : lead.consents()) {
            consents.put(c.checkboxKey(), c.checked());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", lead.id().toString());
        data.put("formId", lead.formId());
        data.put("pageId", lead.pageId());
        data.put("createdTime", lead.createdTime().toString());
        data.put("status", lead.status());
        data.put("fields", fields);
        data.put("consents", consents);
        return data;
    }
}
