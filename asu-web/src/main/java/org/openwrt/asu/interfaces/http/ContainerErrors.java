package org.openwrt.asu.interfaces.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.openwrt.asu.interfaces.rest.ErrorBody;

/**
 * The error page of the application (web.xml): every error the servlet container itself
 * answers inside it — the admin login's 401, an exception no resource caught — is the same
 * JSON as the resources' errors, with the standard reason phrase. Asked for directly, it is
 * a 404 like any unknown path.
 */
@WebServlet(ContainerErrors.PATH)
public class ContainerErrors extends HttpServlet {

    static final String PATH = "/.container-error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String errorPath ? errorPath : request.getRequestURI();
        JsonErrorResponse.send(response, status, ErrorBody.of(path, status, ErrorBody.reason(status)));
    }
}
