package org.sinfonia.verticles;
public final class Launcher { public static void main(String[] a) { } }
