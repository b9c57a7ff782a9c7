/**
 * Domain plugins shipped with Lexecon and the helpers around the {@link
 * dev.lexecon.api.domain.DomainPlugin} SPI: {@link dev.lexecon.domain.Domains} discovers, lists and
 * describes plugins. The plugins themselves live in sub-packages, one per domain ({@code finance},
 * {@code healthcare}). {@code docs/domain-plugins.md} is the guide.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.domain;

import org.jspecify.annotations.NullMarked;
