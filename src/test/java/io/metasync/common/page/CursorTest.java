package io.metasync.common.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.metasync.common.problem.ProblemException;

class CursorTest {

    @Test
    void roundTripsKeysIncludingSeparatorsOfOtherKinds() {
        Cursor cursor = Cursor.of("2026-11-23T10:00:00Z", "a|b,c", "");
        assertEquals(cursor, Cursor.decode(cursor.encode()));
    }

    @Test
    void garbageIsAValidationProblem() {
        ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode("%%%not-base64"));
        assertEquals(400, e.status());
    }

    @Test
    void pagesCutOneExtraRowIntoANextCursor() {
        PageRequest request = PageRequest.of(3, null);
        List<Integer> fetched = IntStream.rangeClosed(1, request.fetchSize()).boxed().toList();
        Page<Integer> page = Cursor.page(fetched, request, i -> Cursor.of(Integer.toString(i)));
        assertEquals(List.of(1, 2, 3), page.items());
        assertEquals("3", Cursor.decode(page.nextCursor()).key(0));

        Page<Integer> last = Cursor.page(List.of(4, 5), request, i -> Cursor.of(Integer.toString(i)));
        assertNull(last.nextCursor());
    }

    @Test
    void limitIsBounded() {
        assertEquals(50, PageRequest.of(null, null).limit());
        assertEquals(500, PageRequest.of(500, null).limit());
        assertThrows(ProblemException.class, () -> PageRequest.of(501, null));
        assertThrows(ProblemException.class, () -> PageRequest.of(0, null));
    }
}
