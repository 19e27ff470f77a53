package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodeRoleTest {

    @Test
    void rolesAreReadAsTheirLowerCaseNames() {
        assertEquals(NodeRole.WEB, NodeRole.of("web"));
        assertEquals(NodeRole.BUILDER, NodeRole.of(" builder"), "a space after a list's comma is no part of the name");
        assertEquals("builder", NodeRole.BUILDER.configName());
    }

    @Test
    void anUnknownOrDifferentlyWrittenRoleIsRefusedWithTheKnownOnes() {
        // the builders' deployment descriptors look for the exact word "builder": a role the
        // application read differently would let a node build that says it does not, or the reverse
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> NodeRole.of("Builder"));
        assertTrue(refused.getMessage().contains("'Builder'") && refused.getMessage().contains("web, builder"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeRole.of("worker"));
    }
}
