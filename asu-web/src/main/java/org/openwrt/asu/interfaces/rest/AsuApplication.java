package org.openwrt.asu.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All routes hang off the root: {@code /api/v1/…}, {@code /api/…} (2021 API), {@code /json/v1/…}, {@code /store/…}. */
@ApplicationPath("/")
public class AsuApplication extends Application {
}
