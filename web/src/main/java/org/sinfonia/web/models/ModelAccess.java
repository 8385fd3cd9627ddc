package org.sinfonia.web.models;

import org.sinfonia.core.auth.Principal;

/**
 * Who may review models and who may see one. A model a caller may not see does not exist for them
 * (404), as with files.
 */
public final class ModelAccess {

  private final String reviewersGroup;

  /**
   * @param reviewersGroup the directory group whose members review besides site administrators;
   *     empty: administrators only
   */
  public ModelAccess(String reviewersGroup) {
    this.reviewersGroup = reviewersGroup == null ? "" : reviewersGroup;
  }

  public boolean mayReview(Principal caller) {
    return caller.admin()
        || (!caller.anonymous() && !reviewersGroup.isEmpty() && caller.inGroup(reviewersGroup));
  }

  /**
   * Reviewers see every model; a submitter their own at any status; others an approved model whose
   * visibility includes them.
   */
  public boolean maySee(Principal caller, Model model) {
    if (caller.anonymous()) {
      return false;
    }
    if (mayReview(caller) || model.submitter().equals(caller.login())) {
      return true;
    }
    if (model.status() != ModelStatus.APPROVED || model.visibility() == null) {
      return false;
    }
    Visibility v = model.visibility();
    return v.everyone() || v.groups().stream().anyMatch(caller::inGroup);
  }
}
