package io.metasync.common.page;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of a list: the items and the cursor of the next page (null on the last page, and there as null: API.md). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, String nextCursor) {
}
