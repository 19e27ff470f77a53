/**
 * The shapes of the HTTP API for MicroProfile OpenAPI ({@code /openapi}, rendered at
 * {@code /api-docs}): documentation-only classes the resources name in their annotations (the
 * resources read and write JSON-P, so there is nothing to introspect), and the filter that turns
 * JAX-RS path templates with regular expressions into plain OpenAPI templates.
 */
package org.openwrt.asu.interfaces.rest.openapi;
