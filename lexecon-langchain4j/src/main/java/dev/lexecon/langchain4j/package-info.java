/**
 * Lexecon for LangChain4j: every tool call an {@code AiServices} agent makes is decided first. See
 * {@link dev.lexecon.langchain4j.LexeconTools} and {@code docs/integrations.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.langchain4j;

import org.jspecify.annotations.NullMarked;
