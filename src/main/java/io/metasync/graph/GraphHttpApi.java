package io.metasync.graph;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/**
 * The raw HTTP side of Graph calls (Quarkus REST client, built in {@link GraphTransport}). Bodies
 * come back as text with their status and headers, whatever the status, so that errors, usage
 * headers and cut bodies are all handled in one place. URLs are complete and already encoded.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public interface GraphHttpApi {

    @GET
    Uni<Response> get(@Url String url);

    @DELETE
    Uni<Response> delete(@Url String url);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> post(@Url String url, String form);

    /** A JSON body with the token in {@code Authorization: Bearer} (Messenger Send API, WhatsApp Cloud API). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> postJson(@Url String url, @HeaderParam("Authorization") String authorization, String json);
}
