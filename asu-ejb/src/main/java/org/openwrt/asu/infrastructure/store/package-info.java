/**
 * The image store's two backends behind {@link org.openwrt.asu.application.ImageStore}: a
 * directory of this node, or an S3 bucket the nodes share, chosen by {@code asu.store.backend}.
 */
package org.openwrt.asu.infrastructure.store;
