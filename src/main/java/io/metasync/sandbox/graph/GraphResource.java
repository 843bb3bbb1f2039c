package io.metasync.sandbox.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;

/**
 * The sandbox's Graph API over HTTP: {@code /sandbox/graph/{version}/...} and, as Meta allows for Graph
 * (not Marketing) calls, without a version. Parameters come from the query, a form body or a JSON body;
 * the token from {@code access_token} or {@code Authorization: Bearer}. Meta authenticates by token, so
 * the endpoints are open to the app's own security layer.
 */
@Path(GraphResource.ROOT)
@PermitAll
@IfBuildProfile(anyOf = { "dev", "test" })
public class GraphResource {

    public static final String ROOT = "/sandbox/graph";

    private final GraphGateway gateway;
    private final ObjectMapper json;

    public GraphResource(GraphGateway gateway, ObjectMapper json) {
        this.gateway = gateway;
        this.json = json;
    }

    @GET
    @Path("{path: .*}")
    public Uni<Response> get(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return serve("GET", path, uri, headers, null);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> postRoot(@Context UriInfo uri, @Context HttpHeaders headers, String body) {
        return serve("POST", "", uri, headers, body);
    }

    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> post(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers,
            String body) {
        return serve("POST", path, uri, headers, body);
    }

    @DELETE
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> delete(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers,
            String body) {
        return serve("DELETE", path, uri, headers, body);
    }

    private Uni<Response> serve(String method, String path, UriInfo uri, HttpHeaders headers, String body) {
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        segments.removeIf(String::isEmpty);
        String version = !segments.isEmpty() && segments.get(0).matches("v\\d+\\.\\d+") ? segments.remove(0) : null;
        Map<String, String> params = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        readBody(body, headers.getMediaType(), params);
        String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        GraphCall call = new GraphCall(method, version, List.copyOf(segments), params, bearer, base);
        return gateway.serve(call).map(GraphResource::response);
    }

    private void readBody(String body, MediaType type, Map<String, String> params) {
        if (body == null || body.isBlank()) {
            return;
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            try {
                JsonNode node = json.readTree(body);
                node.fields().forEachRemaining(e -> params.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not JSON after all: the call goes on with its query parameters only, and fails on what it lacks
            }
        } else {
            BatchRunner.parseForm(body, params);
        }
    }

    private static Response response(GraphGateway.Served s) {
        Response.ResponseBuilder r = Response.status(s.status()).entity(s.body())
                .type("application/json; charset=UTF-8");
        s.headers().forEach(r::header);
        return r.build();
    }
}
