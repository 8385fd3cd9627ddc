package org.sinfonia.web.auth;

import java.time.Instant;
import org.sinfonia.core.auth.Principal;

/** A login session: who, and until when. The bearer token itself is never stored, only its hash. */
public record Session(Principal principal, Instant expiresAt) {
}
