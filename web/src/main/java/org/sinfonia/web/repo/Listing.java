package org.sinfonia.web.repo;

import java.util.List;

/** One page of resources and how many there are in all. */
public record Listing(List<Resource> resources, long total) {}
