/**
 * The current API: {@code /api/v1/…} (builds, revisions, statistics), the {@code /json/v1/…}
 * metadata documents and the {@code /store/…} downloads. Resources translate HTTP into service
 * calls and service answers into the JSON shapes and status codes clients rely on.
 */
package org.openwrt.asu.interfaces.rest.v1;
