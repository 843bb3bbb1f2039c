package io.metasync.common.page;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.metasync.common.problem.ProblemException;

/**
 * An opaque keyset cursor: the sort key values of the last row of a page, base64url-encoded. Keyset
 * (not offset) paging stays stable when rows are inserted while a client pages.
 */
public record Cursor(List<String> keys) {

    private static final char SEPARATOR = '\u001f';

    public static Cursor of(String... keys) {
        return new Cursor(List.of(keys));
    }

    public String key(int i) {
        return keys.get(i);
    }

    /** Key {@code i} as a time; a 400 problem when the cursor was not issued by this API. */
    public OffsetDateTime timeAt(int i) {
        try {
            return OffsetDateTime.parse(keys.get(i));
        } catch (RuntimeException e) {
            throw notOurs();
        }
    }

    /** Key {@code i} as a UUID; a 400 problem when the cursor was not issued by this API. */
    public UUID uuidAt(int i) {
        try {
            return UUID.fromString(keys.get(i));
        } catch (RuntimeException e) {
            throw notOurs();
        }
    }

    private static ProblemException notOurs() {
        return ProblemException.invalid("cursor", "is not a cursor this API issued");
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), keys).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            return new Cursor(List.of(raw.split(String.valueOf(SEPARATOR), -1)));
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    /**
     * A page of a short list held whole (a workspace's Pages, forms, connections): ordered by {@code key}, the items
     * after the cursor's key, {@code limit} of them. Keyset on a unique key, so a page stays right when items come or go.
     */
    public static <T> Page<T> slice(List<T> all, PageRequest request, Function<T, String> key) {
        String after = request.cursor() == null ? null : request.cursor().key(0);
        List<T> rows = all.stream().sorted(java.util.Comparator.comparing(key))
                .filter(item -> after == null || key.apply(item).compareTo(after) > 0)
                .limit(request.fetchSize()).toList();
        return page(rows, request, item -> of(key.apply(item)));
    }

    /** Cuts a fetched list ({@link PageRequest#fetchSize()} rows) into a page and its next cursor. */
    public static <T> Page<T> page(List<T> rows, PageRequest request, Function<T, Cursor> keyOf) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(List.copyOf(items), keyOf.apply(items.get(items.size() - 1)).encode());
    }
}
