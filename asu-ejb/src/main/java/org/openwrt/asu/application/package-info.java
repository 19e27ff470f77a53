/**
 * The use cases: accept a build request (validate, hash, answer from the cache or queue it) and
 * report a build's state. Technology stays behind small interfaces such as
 * {@link org.openwrt.asu.application.BuildQueue}.
 */
package org.openwrt.asu.application;
