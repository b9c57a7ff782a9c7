/**
 * The {@code lexecon} command-line tool: {@link dev.lexecon.cli.LexeconCli} is its entry point;
 * every command class is package-private. Not an API: use the library ({@code Lexecon.builder()})
 * from Java, and this tool from shells, scripts and audits. Usage is documented in {@code
 * docs/cli.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.cli;

import org.jspecify.annotations.NullMarked;
