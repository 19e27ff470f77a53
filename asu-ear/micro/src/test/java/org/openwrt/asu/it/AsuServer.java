package org.openwrt.asu.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The deployed server as the Arquillian test classes here see it: a class marked
 * {@link Deployed} runs against the packaged WAR on Payara Micro, and its test and
 * {@code @BeforeEach} methods may ask for the server's address ({@link URI}, on loopback) or an
 * {@link AsuClient} of it: as it is, or, marked {@link Synced}, once the first metadata sync has
 * completed.
 */
final class AsuServer implements ParameterResolver {

    /** The class runs against the real WAR, deployed by Arquillian ({@link AsuDeployment}), as a client from outside. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(ArquillianExtension.class)
    @ExtendWith(AsuServer.class)
    @interface Deployed {
    }

    /** The parameter is given once a janitor pass has completed ({@link AsuClient#awaitFirstSync()}). */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Synced {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == URI.class || type == AsuClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        URI base = AsuDeployment.base();
        AsuClient asu = new AsuClient(base);
        if (parameter.isAnnotated(Synced.class)) {
            try {
                asu.awaitFirstSync();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ParameterResolutionException("interrupted while waiting for the first metadata sync", e);
            }
        }
        return parameter.getParameter().getType() == URI.class ? base : asu;
    }
}
