/**
 * Framework-neutral tool-call gating, shared by the LangChain4j and MCP adapters: a {@link
 * dev.lexecon.toolcall.ToolCall} (tool name and JSON arguments) is mapped to a decision request by
 * a {@link dev.lexecon.toolcall.ToolCallMapper}, decided by a {@link
 * dev.lexecon.toolcall.ToolCallGuard}, and answered with a {@link
 * dev.lexecon.toolcall.ToolCallVerdict}: run the tool, or return a text the model can read.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.toolcall;

import org.jspecify.annotations.NullMarked;
