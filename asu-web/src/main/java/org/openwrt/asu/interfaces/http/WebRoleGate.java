package org.openwrt.asu.interfaces.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.openwrt.asu.application.NodeRole;
import org.openwrt.asu.application.ServerNode;
import org.openwrt.asu.interfaces.rest.ErrorBody;

/**
 * On a node without the web role ({@code asu.node.roles=builder}) every path of the application
 * — API, pages, store, admin console — answers 404 in its API's error shape: the node only
 * builds, and whatever sent it the request learns so at once. MicroProfile Health and Metrics
 * answer on every node: with the application at the context root, Payara Micro hands their
 * paths through this filter too.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class WebRoleGate extends HttpFilter {

    static final String BUILDER_ONLY = "this node only builds (asu.node.roles has no web): ask a web node";
    private static final List<String> EVERY_NODE = List.of("/health", "/metrics");

    // a field: the servlet container creates filters itself, and CDI offers them no constructor injection
    @Inject
    ServerNode node;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (node.has(NodeRole.WEB) || answeredByEveryNode(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        JsonErrorResponse.send(response, 404, ErrorBody.of(request.getRequestURI(), 404, BUILDER_ONLY));
    }

    private static boolean answeredByEveryNode(String path) {
        return EVERY_NODE.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
