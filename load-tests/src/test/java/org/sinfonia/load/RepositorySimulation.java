package org.sinfonia.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * A researcher's session against a running Sinfonia: log in, find their home folder, create a folder, upload
 * small files through the streamed endpoint, list and search, download with a Range, check health.
 * System properties: {@code baseUrl} (http://127.0.0.1:8080), {@code usersPerSec} (5), {@code seconds} (60),
 * {@code user}/{@code password} (alice / alice-demo: the embedded demo directory), {@code files} (10).
 */
public class RepositorySimulation extends Simulation {

  private static final String BASE = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  private static final double RATE = Double.parseDouble(System.getProperty("usersPerSec", "5"));
  private static final int SECONDS = Integer.getInteger("seconds", 60);
  private static final int FILES = Integer.getInteger("files", 10);
  private static final String USER = System.getProperty("user", "alice");
  private static final String PASSWORD = System.getProperty("password", "alice-demo");

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/json")
      .contentTypeHeader("application/json");

  private final ScenarioBuilder researcher = scenario("researcher")
      .exec(http("login").post("/api/v1/auth/token")
          .body(StringBody("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"))
          .check(status().is(200), jsonPath("$.token").saveAs("token")))
      .exec(http("me").get("/api/v1/users/me").header("Authorization", "Bearer #{token}")
          .check(status().is(200), jsonPath("$.homeFolderId").saveAs("home")))
      .exec(http("create folder").post("/api/v1/folders").header("Authorization", "Bearer #{token}")
          .body(StringBody("{\"parentType\":\"folder\",\"parentId\":\"#{home}\",\"name\":\"load #{randomUuid()}\"}"))
          .check(status().is(201), jsonPath("$.id").saveAs("folder")))
      .exec(repeat(FILES, "n").on(exec(http("upload").post("/api/v1/folders/#{folder}/files?name=f#{n}.bin")
          .header("Authorization", "Bearer #{token}").header("Content-Type", "application/octet-stream")
          .body(StringBody("#{randomUuid()}#{randomUuid()}#{randomUuid()}#{randomUuid()}"))
          .check(status().is(201), jsonPath("$.id").saveAs("file")))))
      .exec(http("list items").get("/api/v1/items?folderId=#{folder}&limit=50")
          .header("Authorization", "Bearer #{token}").check(status().is(200)))
      .exec(http("search").get("/api/v1/search?q=load&types=folder&limit=20")
          .header("Authorization", "Bearer #{token}").check(status().is(200)))
      .exec(http("ranged download").get("/api/v1/files/#{file}/download")
          .header("Authorization", "Bearer #{token}").header("Range", "bytes=0-15").check(status().is(206)))
      .exec(http("health").get("/health").check(status().is(200)));

  {
    setUp(researcher.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol)
        .assertions(global().failedRequests().percent().lt(1.0));
  }
}
