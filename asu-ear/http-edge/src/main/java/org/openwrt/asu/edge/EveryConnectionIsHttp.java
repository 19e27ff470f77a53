package org.openwrt.asu.edge;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The port unification's only protocol finder: every connection is HTTP. Grizzly's own
 * HTTP finder closes a connection whose first bytes do not look like HTTP without a word; here
 * {@link HttpEdge} has already answered those.
 */
public class EveryConnectionIsHttp implements ProtocolFinder {

    @Override
    public Result find(PUContext puContext, FilterChainContext ctx) {
        return Result.FOUND;
    }
}
