/**
 * The HTTP edge in front of every resource of the application: request framing and the body
 * size limit checked before anything reads a body, and the errors the servlet container makes
 * itself (login, unmapped methods, …) answered as the same JSON the resources answer.
 */
package org.openwrt.asu.interfaces.http;
