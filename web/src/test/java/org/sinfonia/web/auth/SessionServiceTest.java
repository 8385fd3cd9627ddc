package org.sinfonia.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.time.SettableClock;

/** Idle timeout and use recording of sessions, on a clock the test moves (no sleeping). */
class SessionServiceTest {

  private static final Principal ALICE = new Principal("alice", "Alice", "", List.of(), false);

  /** The shared store, as every node sees it; counts the writes that record use. */
  private static final class MapStore implements SessionStore {
    final Map<String, Session> sessions = new HashMap<>();
    int touches;

    @Override
    public Future<Void> save(String hash, Session s) {
      sessions.put(hash, s);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Session>> find(String hash) {
      return Future.succeededFuture(Optional.ofNullable(sessions.get(hash)));
    }

    @Override
    public Future<Void> delete(String hash) {
      sessions.remove(hash);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> touch(String hash, Instant at) {
      touches++;
      sessions.computeIfPresent(hash, (k, s) -> s.withLastUsedAt(at));
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Session>> apiTokens(String login) {
      return Future.succeededFuture(new ArrayList<>());
    }

    @Override
    public Future<Optional<String>> deleteApiToken(String login, String tokenId) {
      return Future.succeededFuture(Optional.empty());
    }
  }

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final MapStore store = new MapStore();

  private SessionService node() {
    return new SessionService(
        store, Duration.ofHours(12), Duration.ofMinutes(30), Duration.ofSeconds(60), clock);
  }

  private static String code(Future<?> f) {
    assertTrue(f.failed(), "expected a failure");
    return ((ApiError) f.cause()).code();
  }

  @Test
  void aBrowserSessionInUseStaysOpenAndEndsAfterThirtyIdleMinutes() {
    SessionService sessions = node();
    String token = sessions.issueBrowser(ALICE).result().token();
    for (int i = 0; i < 10; i++) { // used every 20 minutes for over three hours
      clock.advance(Duration.ofMinutes(20));
      assertEquals(Optional.of(ALICE), sessions.resolve(token).result());
    }
    clock.advance(Duration.ofMinutes(31));
    assertEquals("SESSION_EXPIRED", code(sessions.resolve(token)));
    assertTrue(store.sessions.isEmpty(), "an idle session is ended, not just refused");
    assertEquals(Optional.empty(), sessions.resolve(token).result());
  }

  @Test
  void useIsWrittenAtMostOncePerMinuteNotOnEveryRequest() {
    SessionService sessions = node();
    String token = sessions.issueBrowser(ALICE).result().token();
    for (int i = 0; i < 120; i++) { // a request every second for two minutes
      clock.advance(Duration.ofSeconds(1));
      sessions.resolve(token).result();
    }
    assertTrue(store.touches >= 1 && store.touches <= 2, "touches: " + store.touches);
  }

  @Test
  void useSeenByAnotherNodeKeepsTheSessionOpenHere() {
    SessionService here = node();
    SessionService there = node();
    String token = here.issueBrowser(ALICE).result().token();
    here.resolve(token).result();
    for (int i = 0; i < 5; i++) { // the user works on the other node for 50 minutes
      clock.advance(Duration.ofMinutes(10));
      assertTrue(there.resolve(token).result().isPresent());
    }
    assertEquals(
        Optional.of(ALICE),
        here.resolve(token).result(),
        "this node asks the store before ending it");
  }

  @Test
  void bearerTokensHaveNoIdleTimeoutOnlyTheirLifetime() {
    SessionService sessions = node();
    String token = sessions.issue(ALICE).result().token();
    clock.advance(Duration.ofHours(11));
    assertEquals(Optional.of(ALICE), sessions.resolve(token).result());
    clock.advance(Duration.ofHours(2));
    assertEquals(Optional.empty(), sessions.resolve(token).result());
  }
}
