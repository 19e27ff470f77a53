package org.openwrt.asu.edge;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.portunif.PUFilter;

/**
 * The port unification filter of the HTTP listener ({@code misc/payara-micro/preboot.asadmin}
 * names it as the {@code port-unification}'s class): the one place where a filter can stand
 * between the connection and Grizzly's HTTP codec. The chain it builds for HTTP (the
 * container adds its codec and server filters after what is here) starts with the
 * {@link RequestGate}; the connection's first request head is timed from the connection on.
 */
public class HttpEdge extends PUFilter {

    private final RequestGate gate = new RequestGate(EdgeSettings.fromSystemProperties());

    @Override
    public FilterChainBuilder getPUFilterChainBuilder() {
        return super.getPUFilterChainBuilder().add(gate);
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        gate.connected(ctx.getConnection());
        return super.handleAccept(ctx);
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        gate.closed(ctx.getConnection());
        return super.handleClose(ctx);
    }
}
