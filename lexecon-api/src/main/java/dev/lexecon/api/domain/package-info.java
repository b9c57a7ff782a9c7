/**
 * The domain plugin SPI: {@link dev.lexecon.api.domain.GovernanceDomain}, a plugin's {@link
 * dev.lexecon.api.domain.DomainConfiguration}, and {@link dev.lexecon.api.domain.DomainPlugin},
 * whose hooks validate, enrich and check requests in a regulated domain (finance, healthcare, ...)
 * and publish policy templates and compliance mappings as data.
 *
 * <p>Plugins are registered explicitly on the engine builder ({@code
 * Lexecon.builder().domain(plugin)}); {@code ServiceLoader} discovery is an opt-in. Every value in
 * this package is immutable and thread-safe, and nothing here names a third-party type. {@code
 * docs/domain-plugins.md} is the guide to writing a plugin.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.domain;

import org.jspecify.annotations.NullMarked;
