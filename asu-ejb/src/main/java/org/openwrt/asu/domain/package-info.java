/**
 * The nouns of the server: a build request as clients send it, its request hash, the
 * validation rules of the build contract and the state a build goes through. Pure Java,
 * no container services, so every rule here is unit-tested with the spec's vectors.
 */
package org.openwrt.asu.domain;
