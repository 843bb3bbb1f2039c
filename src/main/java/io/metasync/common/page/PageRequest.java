package io.metasync.common.page;

import io.metasync.common.problem.ProblemException;

/**
 * {@code ?limit=&cursor=} of a list endpoint: limit defaults to 50 and is at most 500; the cursor
 * is opaque to clients (see {@link Cursor}).
 */
public record PageRequest(int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    /** Fetch one more row than the page holds, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
