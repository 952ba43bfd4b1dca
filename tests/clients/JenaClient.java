import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/**
 * Apache Jena (ARQ's QueryExecutionHTTP, over java.net.http) asking an endpoint a SELECT query.
 * Jena sends a query by GET and switches to a form POST by itself once the URL would pass
 * about 2 KB, so `pad` (a number of values in a FILTER ... NOT IN list that excludes nothing)
 * makes the same question long enough to go by POST. Prints the bindings of ?n, one a line.
 *
 * Usage: java -cp JENA_CLASSPATH JenaClient.java ENDPOINT PAD QUERY_WITH_%PAD%
 */
public class JenaClient {
    public static void main(String[] args) {
        String endpoint = args[0];
        int pad = Integer.parseInt(args[1]);
        StringBuilder values = new StringBuilder("\"never-a-value\"");
        for (int i = 0; i < pad; i++) values.append(", \"never-a-value-").append(i).append('"');
        String query = args[2].replace("%PAD%", values);
        try (QueryExecution execution = QueryExecutionHTTP.service(endpoint).query(query).build()) {
            ResultSet results = execution.execSelect();
            while (results.hasNext()) {
                QuerySolution row = results.next();
                System.out.println(row.get("n").asLiteral().getLexicalForm());
            }
        }
    }
}
