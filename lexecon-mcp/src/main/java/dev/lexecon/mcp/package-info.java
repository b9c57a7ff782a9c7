/**
 * Lexecon for the Model Context Protocol Java SDK: a server's tool call handlers decide every call
 * first. See {@link dev.lexecon.mcp.LexeconMcp} and {@code docs/integrations.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.mcp;

import org.jspecify.annotations.NullMarked;
