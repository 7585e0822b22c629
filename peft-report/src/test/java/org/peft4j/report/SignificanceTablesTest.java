package org.peft4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peft4j.eval.stats.McNemarExact;
import org.peft4j.eval.stats.PairTest;
import org.peft4j.eval.stats.PairedBootstrap;
import org.peft4j.eval.stats.SignificanceReport;
import org.peft4j.eval.stats.TaskSignificance;

/** The verdict lines and the table of the pairwise tests. */
class SignificanceTablesTest {

    @Test
    void namesTheBetterMethodAndItsCorrectedP() {
        McNemarExact real = McNemarExact.of(4, 40);
        McNemarExact chance = McNemarExact.of(20, 23);
        TaskSignificance textures = new TaskSignificance("textures", "lora", 80.0, List.of("lora", "lora-2"), List.of(
                new PairTest("textures", "full", "lora", 66.0, 80.0, real, 3 * real.p()),
                new PairTest("textures", "full", "lora-2", 66.5, 79.0, real, 2 * real.p()),
                new PairTest("textures", "lora", "lora-2", 80.0, 79.0, chance, 1.0)));
        assertEquals("textures: lora > full (p < 0.0001), lora-2 > full (p < 0.0001); no significant difference "
                + "between the other pairs", SignificanceTables.verdict(textures, 0.05));
        TaskSignificance shapes = new TaskSignificance("shapes", "full", 70.0, List.of("full", "lora"), List.of(
                new PairTest("shapes", "full", "lora", 70.0, 69.0, chance, chance.p())));
        assertEquals("shapes: no significant difference", SignificanceTables.verdict(shapes, 0.05));
        assertEquals("0.0123", SignificanceTables.p(0.01234));
    }

    @Test
    void thePairTableNamesEachTest() {
        McNemarExact mcnemar = McNemarExact.of(4, 40);
        PairedBootstrap bootstrap = new PairedBootstrap(6.1, 2, 2, 10_000, 0.4728);
        SignificanceReport s = new SignificanceReport(0.05, List.of(), List.of(
                new TaskSignificance("shapes", "lora", 80.0, List.of("lora"), List.of(
                        new PairTest("shapes", "full", "lora", 66.0, 80.0, mcnemar, mcnemar.p()))),
                new TaskSignificance("textures", "full", 58.5, List.of("full", "lora"), List.of(
                        new PairTest("textures", "full", "lora", 58.5, 52.4, bootstrap, bootstrap.p())))), null);
        String table = SignificanceTables.pairTable(s);
        assertTrue(table.contains("| shapes   | full | lora | 66.00 | 80.00 |                                     "
                + "McNemar exact |      4 |     40 | < 0.0001 | < 0.0001 |         yes |"), table);
        assertTrue(table.contains("| textures | full | lora | 58.50 | 52.40 | paired bootstrap over seeds and images, "
                + "B = 10000 |      – |      – |   0.4728 |   0.4728 |          no |"), table);
    }
}
