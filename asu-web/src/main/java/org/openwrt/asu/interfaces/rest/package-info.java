/**
 * What every HTTP answer shares: the JAX-RS application, the JSON error bodies and the mapping of
 * failures to them, CORS, request-body decoding and cached JSON answers. The resources live in
 * {@code v1} (the current API) and {@code legacy} (the 2021 API); the admin console's in
 * {@code interfaces.admin}.
 */
package org.openwrt.asu.interfaces.rest;
