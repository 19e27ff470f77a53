package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientNameTest {

    @Test
    void theClientFieldWinsOverTheUserAgent() {
        assertEquals("luci/git-22.073.39928-701ea94", ClientName.of("luci/git-22.073.39928-701ea94", "auc (0.3.2)"));
        assertEquals("owut/2024.07.01", ClientName.of("owut/2024.07.01", null));
    }

    @Test
    void aucsUserAgentBecomesNameSlashVersion() {
        assertEquals("auc/0.3.2", ClientName.of(null, "auc (0.3.2)"));
    }

    @Test
    void aucsNewerUserAgentFormatIsKeptAsItIs() {
        assertEquals("auc/0.3.2", ClientName.of(null, "auc/0.3.2"));
    }

    @Test
    void anEmptyClientFieldCountsAsNone() {
        assertEquals("auc/0.3.2", ClientName.of("", "auc (0.3.2)"));
        assertEquals("unknown/0", ClientName.of("", "curl/8.5.0"));
    }

    @Test
    void otherUserAgentsAreUnknown() {
        assertEquals("unknown/0", ClientName.of(null, "testclient"));
        assertEquals("unknown/0", ClientName.of(null, "Mozilla/5.0 (X11; Linux x86_64)"));
        assertEquals("unknown/0", ClientName.of(null, ""));
    }

    @Test
    void noUserAgentAtAllIsUnknownToo() {
        assertEquals("unknown/0", ClientName.of(null, null));
    }
}
