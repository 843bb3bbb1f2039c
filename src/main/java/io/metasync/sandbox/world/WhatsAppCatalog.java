package io.metasync.sandbox.world;

import java.util.List;
import java.util.Optional;

import io.metasync.sandbox.world.Ids.Kind;

/**
 * The world's WhatsApp Business Accounts (WABAs), each with one phone number and a system-user token,
 * and the people who message the world's channels (page-scoped PSIDs, IGSIDs, WhatsApp ids). Fixed in
 * number and computed from indices, like the rest of the world.
 */
public final class WhatsAppCatalog {

    /** WhatsApp Business Accounts (and phone numbers) of every world. */
    public static final int ACCOUNTS = 2;
    /** Scoped user ids per page: PSID/IGSID number = page index * PER_PAGE + person. */
    public static final long PER_PAGE = 1_000_000L;

    private static final List<String> LAST = List.of("Silva", "Tane", "Nowak", "Okafor", "Tanaka", "Dubois", "Fifita",
            "García");

    public record Number(int index, String wabaId, String phoneNumberId, String displayPhoneNumber, String verifiedName) {
    }

    private WhatsAppCatalog() {
    }

    public static Number number(int index) {
        return new Number(index, Ids.of(Kind.WABA, index), Ids.of(Kind.WA_PHONE, index), "1555010000" + index,
                "Sandbox Business " + index);
    }

    /** The phone number with this id, if the world has it. */
    public static Optional<Number> byPhoneNumberId(String id) {
        return Ids.decode(id).filter(d -> d.kind() == Kind.WA_PHONE && d.number() < ACCOUNTS)
                .map(d -> number((int) d.number()));
    }

    public static Optional<Number> byWabaId(String id) {
        return Ids.decode(id).filter(d -> d.kind() == Kind.WABA && d.number() < ACCOUNTS)
                .map(d -> number((int) d.number()));
    }

    /** A person's display name, the same for every channel they use. */
    public static String personName(long seed, long person) {
        return Rng.pick(Catalog.firstNames(), seed, 80, person) + " " + Rng.pick(LAST, seed, 81, person);
    }

    /** A person's WhatsApp id (digits, country code first, no {@code +}). */
    public static String waId(long person) {
        return "1650555" + String.format("%04d", person);
    }

    /** The page-scoped id (PSID, or IGSID for the page's Instagram account) of a person. */
    public static String scopedId(Kind kind, int pageIndex, long person) {
        return Ids.of(kind, pageIndex * PER_PAGE + person);
    }
}
