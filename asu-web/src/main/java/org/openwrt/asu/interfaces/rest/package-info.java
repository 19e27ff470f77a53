/**
 * The HTTP contract: JAX-RS resources that translate requests into service calls and service
 * answers (and failures) into the JSON shapes and status codes clients rely on.
 */
package org.openwrt.asu.interfaces.rest;
