/**
 * Redis, the server's shared memory: build states and results, the queue order, statistics.
 * {@link org.openwrt.asu.infrastructure.redis.RedisKeys} owns every key name; nothing else
 * spells one out.
 */
package org.openwrt.asu.infrastructure.redis;
