/**
 * Running ImageBuilder commands confined (bubblewrap), with a clean environment and a time limit
 * that ends the command and everything it started.
 */
package org.openwrt.asu.builder.sandbox;
