package org.sinfonia.web.audit;

/**
 * Who did something, as the audit trail records it: a login (empty when anonymous) and the client's
 * address.
 */
public record Actor(String login, String clientAddress) {}
