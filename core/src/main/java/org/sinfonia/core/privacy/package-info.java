/**
 * The privacy gate's policy brain, plain Java: PS3.15 Table E.1-1 as data ({@link
 * org.sinfonia.core.privacy.ConfidentialityProfile}), ingest policies ({@link
 * org.sinfonia.core.privacy.PrivacyPolicy}), a detector that records findings without values
 * ({@link org.sinfonia.core.privacy.FindingsCollector}), the per-element de-identification
 * decisions ({@link org.sinfonia.core.privacy.Deidentifier}) and the keyed mappings ({@link
 * org.sinfonia.core.privacy.UidMapper}, {@link org.sinfonia.core.privacy.Pseudonymizer}, {@link
 * org.sinfonia.core.privacy.DateShifter}). See docs/privacy.md.
 */
package org.sinfonia.core.privacy;
