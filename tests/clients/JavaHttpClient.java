import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Java's own HTTP client (java.net.http, what Jena and most Java tools use) sending a SPARQL
 * query to an endpoint: as an application/sparql-query body, as a form, and with GET. The
 * client offers an upgrade to HTTP/2 (Connection: Upgrade, HTTP2-Settings; Upgrade: h2c) with
 * every request. Prints, per request, "method version status body" on one line, the body's
 * non-ASCII characters as \\uXXXX so the output does not depend on the platform's encoding.
 *
 * Usage: java JavaHttpClient.java ENDPOINT QUERY
 */
public class JavaHttpClient {
    public static void main(String[] args) throws Exception {
        String endpoint = args[0], query = args[1];
        HttpClient client = HttpClient.newHttpClient();
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        HttpRequest[] requests = {
            HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/sparql-query")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build(),
            HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
            HttpRequest.newBuilder(URI.create(endpoint + "?" + form))
                .header("Accept", "application/sparql-results+json").GET().build(),
        };
        for (HttpRequest request : requests) {
            HttpResponse<String> answer = client.send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            System.out.println(request.method() + " " + answer.version() + " "
                + answer.statusCode() + " " + ascii(answer.body().replace("\n", " ")));
        }
    }

    static String ascii(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 128 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
