package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PdqIndexTest {
    @Test
    void findsExactlyWhatAScanFinds() {
        Random random = new Random(8);
        PdqHash query = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
        List<PdqHash> stored = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            PdqHash h = query;
            if (i % 2 == 0) {
                h = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            } else {
                for (int b = 0; b < i % 70; b++) {
                    h = h.flip(random.nextInt(256));
                }
            }
            stored.add(h);
        }
        PdqIndex index = new PdqIndex(stored);
        for (int d : new int[] {0, 5, 15, 16, 31, 32, 47, 60}) {
            int distance = d;
            int[] expected = IntStream.range(0, stored.size()).filter(i -> stored.get(i).distance(query) <= distance).toArray();
            int[] found = index.within(query, d);
            Arrays.sort(found);
            assertArrayEquals(expected, found, "distance " + d);
        }
        assertArrayEquals(new int[0], new PdqIndex(List.of()).within(query, 31));
    }
}
