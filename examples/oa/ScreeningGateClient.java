package screening.oa;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls {@code POST /v1/gate} of {@code screen serve} with one file and a bearer token.
 *
 * <p>Fail closed: the answer is "allow" only for HTTP 200 whose JSON body has
 * {@code "allow": true} (a JSON boolean at the top level). A deny, any other status, a timeout, a
 * refused connection, a body that does not parse — all are "block", with a message to show.
 *
 * <p>Plain Java 17 ({@code java.net.http}), no other dependency. Settings (JVM system properties,
 * else environment variables): {@code screening.url} / {@code SCREENING_URL}
 * (default {@code http://127.0.0.1:8765}), {@code screening.token} / {@code SCREENING_TOKEN},
 * {@code screening.timeoutSeconds} / {@code SCREENING_TIMEOUT_SECONDS} (default 60).
 */
public final class ScreeningGateClient {

    /** The outcome for one file. {@code decisionId} is the ledger's id (store it with the workflow). */
    public record Decision(boolean allow, String message, String decisionId) {
        static Decision block(String message) {
            return new Decision(false, message, null);
        }
    }

    private final URI gate;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    public ScreeningGateClient(String baseUrl, String token, Duration timeout) {
        this.gate = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/gate");
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static ScreeningGateClient fromSettings() {
        return new ScreeningGateClient(setting("screening.url", "SCREENING_URL", "http://127.0.0.1:8765"),
                setting("screening.token", "SCREENING_TOKEN", ""),
                Duration.ofSeconds(Long.parseLong(setting("screening.timeoutSeconds",
                        "SCREENING_TIMEOUT_SECONDS", "60"))));
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** Ask the gate about one file. Never throws: every failure is a block. */
    public Decision check(String fileName, byte[] content) {
        try {
            String boundary = "screening-" + UUID.randomUUID();
            HttpRequest request = HttpRequest.newBuilder(gate)
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, content)))
                    .build();
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return Decision.block("保密审查服务返回 HTTP " + response.statusCode() + "，不得发布"
                        + detail(response.body()));
            }
            Object parsed = new Json(response.body()).parse();
            if (!(parsed instanceof Map<?, ?> body)) {
                return Decision.block("保密审查服务的回答无法识别，不得发布");
            }
            String message = body.get("message") instanceof String s ? s : "";
            String id = body.get("decision_id") instanceof String s ? s : null;
            if (Boolean.TRUE.equals(body.get("allow"))) {
                return new Decision(true, message, id);
            }
            return new Decision(false, message.isEmpty() ? "未通过发布前保密审查，不得发布" : message, id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.block("保密审查被中断，不得发布");
        } catch (Exception e) { // timeout, refused connection, parse error …: fail closed
            return Decision.block("无法完成发布前保密审查（" + e.getClass().getSimpleName() + "），不得发布");
        }
    }

    private static String detail(String body) {
        try {
            if (new Json(body).parse() instanceof Map<?, ?> m) {
                if (m.get("message") instanceof String s) return "：" + s;
                if (m.get("error") instanceof Map<?, ?> e && e.get("message") instanceof String s) return "：" + s;
            }
        } catch (RuntimeException ignored) {
            // the status alone is the reason
        }
        return "";
    }

    private static byte[] multipart(String boundary, String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName;
        // RFC 7578 §4.2: the name as UTF-8 in quotes; '"', CR and LF percent-encoded as browsers do
        String quoted = name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + quoted + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A strict, minimal JSON reader (objects, arrays, strings, numbers, true/false/null). */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s == null ? "" : s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) throw error();
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) throw error();
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            return number();
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (peek('}')) { i++; return m; }
            while (true) {
                ws();
                if (!peek('"')) throw error();
                String key = string();
                ws();
                expect(':');
                if (m.containsKey(key)) throw error(); // a repeated key is not trusted
                m.put(key, value());
                ws();
                if (peek(',')) { i++; continue; }
                expect('}');
                return m;
            }
        }

        private List<Object> array() {
            List<Object> a = new ArrayList<>();
            i++;
            ws();
            if (peek(']')) { i++; return a; }
            while (true) {
                a.add(value());
                ws();
                if (peek(',')) { i++; continue; }
                expect(']');
                return a;
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c < 0x20) throw error();
                if (c != '\\') { b.append(c); continue; }
                if (i >= s.length()) throw error();
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw error();
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error();
                }
            }
            throw error();
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw error();
            return Double.parseDouble(s.substring(start, i));
        }

        private void ws() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) throw error();
            i++;
        }

        private IllegalArgumentException error() {
            return new IllegalArgumentException("bad JSON at " + i);
        }
    }
}
