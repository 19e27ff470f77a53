/**
 * Who may use the operators' console ({@code /admin}): Jakarta Security with HTTP Basic
 * authentication against the credentials of MicroProfile Config. The protected URLs and the role
 * are declared in {@code WEB-INF/web.xml}, the role's mapping for Payara in
 * {@code glassfish-web.xml}.
 */
package org.openwrt.asu.interfaces.security;
