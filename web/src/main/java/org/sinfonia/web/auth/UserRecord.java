package org.sinfonia.web.auth;

import java.time.Instant;
import org.sinfonia.core.auth.Principal;

/**
 * What Sinfonia keeps of a user: the directory facts seen at their last login, and their home
 * folder.
 */
public record UserRecord(
    Principal principal, Instant firstLogin, Instant lastLogin, String homeFolderId) {}
