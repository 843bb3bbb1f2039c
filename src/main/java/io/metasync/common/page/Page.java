package io.metasync.common.page;

import java.util.List;

/** One page of a list: the items and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
}
