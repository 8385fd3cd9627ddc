package org.sinfonia.load;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A modality pushing studies over STOW-RS while viewers browse through QIDO-RS, as OHIF does, against a running
 * Sinfonia: the case where the index changes under every search. The instances are read from {@code dicomDir}
 * (for instance {@code python3 verticles/bench/lib/gen-dicom.py 2000 512 /tmp/corpus}), each sent once, {@code perRequest} to a
 * request (a modality arriving once they are all sent does nothing). System properties: {@code baseUrl} (http://127.0.0.1:8080), {@code dicomDir} (required),
 * {@code perRequest} (10), {@code modalitiesPerSec} (2), {@code viewersPerSec} (5), {@code seconds} (60),
 * {@code user}/{@code password} (alice / alice-demo). Fails when more than 1 % of requests fail or a study search's
 * 99th percentile passes {@code qidoP99Ms} (100).
 */
public class DicomWebSimulation extends Simulation {

  private static final String BASE = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  private static final int PER_REQUEST = Integer.getInteger("perRequest", 10);
  private static final double MODALITIES = Double.parseDouble(System.getProperty("modalitiesPerSec", "2"));
  private static final double VIEWERS = Double.parseDouble(System.getProperty("viewersPerSec", "5"));
  private static final int SECONDS = Integer.getInteger("seconds", 60);
  private static final int QIDO_P99_MS = Integer.getInteger("qidoP99Ms", 100);
  private static final String USER = System.getProperty("user", "alice");
  private static final String PASSWORD = System.getProperty("password", "alice-demo");
  private static final String BOUNDARY = "sinfonia-load-boundary-5c1e";
  private static final String STUDY_LIST = "/dicom-web/studies?limit=101&offset=0&fuzzymatching=false"
      + "&includefield=00081030,00080060,00080090,00100030";

  private static final List<Path> INSTANCES = instances();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private static List<Path> instances() {
    String dir = System.getProperty("dicomDir");
    if (dir == null) {
      throw new IllegalStateException("-DdicomDir=<folder of .dcm files> is required");
    }
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next {@code PER_REQUEST} instances as one multipart/related body; each instance goes once, then none. */
  private static byte[] nextBody() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < PER_REQUEST; i++) {
      int n = NEXT.getAndIncrement();
      if (n >= INSTANCES.size()) {
        break;
      }
      try {
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(Files.readAllBytes(INSTANCES.get(n)));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return body.toByteArray();
  }

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE);

  private static ChainBuilder login() {
    return exec(http("login").post("/api/v1/auth/token").header("Content-Type", "application/json")
        .body(StringBody("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"))
        .check(status().is(200), jsonPath("$.token").saveAs("token")));
  }

  private final ScenarioBuilder modality = scenario("modality")
      .doIf(session -> NEXT.get() < INSTANCES.size()).then(exec(login())
          .exec(http("STOW-RS").post("/dicom-web/studies").header("Authorization", "Bearer #{token}")
              .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
              .header("Accept", "application/dicom+json")
              .body(ByteArrayBody(session -> nextBody()))
              .check(status().is(200))));

  private final ScenarioBuilder viewer = scenario("viewer").exec(login())
      .exec(http("QIDO-RS study list").get(STUDY_LIST).header("Authorization", "Bearer #{token}")
          .header("Accept", "application/dicom+json")
          .check(status().in(200, 204), jsonPath("$[0]['0020000D'].Value[0]").optional().saveAs("study")))
      .doIf(session -> session.contains("study")).then(repeat(2).on(
          exec(http("QIDO-RS series of a study").get("/dicom-web/studies/#{study}/series")
              .header("Authorization", "Bearer #{token}").header("Accept", "application/dicom+json")
              .check(status().in(200, 204)))
          .exec(http("QIDO-RS study list, name filter").get(STUDY_LIST + "&PatientName=*bench*")
              .header("Authorization", "Bearer #{token}").header("Accept", "application/dicom+json")
              .check(status().in(200, 204)))));

  {
    setUp(modality.injectOpen(constantUsersPerSec(MODALITIES).during(Duration.ofSeconds(SECONDS))),
        viewer.injectOpen(constantUsersPerSec(VIEWERS).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol)
        .assertions(global().failedRequests().percent().lt(1.0),
            details("QIDO-RS study list").responseTime().percentile(99.0).lt(QIDO_P99_MS));
  }
}
