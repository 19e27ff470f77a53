/**
 * The HTTP edge in front of every resource of the application: request framing and the body
 * size limit checked before anything reads a body, the errors the servlet container makes
 * itself (login, unmapped methods, …) answered as the same JSON the resources answer, and on a
 * node that only builds a 404 for every path.
 */
package org.openwrt.asu.interfaces.http;
