package org.sinfonia.verticles.portal;

import java.nio.file.Path;

/**
 * The browsers the portal's walks run in: the distribution's own, never a downloaded one.
 * Chromium's screenshots stay at the top of target/ui-screenshots (the README's come from there);
 * Firefox's go to a folder of their own.
 */
public enum WalkBrowser {
  CHROMIUM("chromium", Path.of("/usr/bin/chromium"), "apt-get install -y chromium", ""),
  FIREFOX("firefox", Path.of("/usr/bin/firefox-esr"), "apt-get install -y firefox-esr", "firefox");

  final String e2eName;
  final Path executable;
  final String install;
  final String screenshotFolder;

  WalkBrowser(String e2eName, Path executable, String install, String screenshotFolder) {
    this.e2eName = e2eName;
    this.executable = executable;
    this.install = install;
    this.screenshotFolder = screenshotFolder;
  }
}
