package dev.lexecon.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A chat model that plays a script: each turn answers with the next scripted message (tool
 * calls, then a final text), and records every request so a test can read the tool results the
 * model was shown. No network, no randomness.
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<AiMessage> script;
  final List<ChatRequest> requests = new ArrayList<>();

  ScriptedChatModel(AiMessage... turns) {
    this.script = new ArrayDeque<>(List.of(turns));
  }

  static ToolExecutionRequest call(String id, String name, String json) {
    return ToolExecutionRequest.builder().id(id).name(name).arguments(json).build();
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    AiMessage next = script.poll();
    if (next == null) {
      throw new IllegalStateException("the script has no turn left");
    }
    return ChatResponse.builder().aiMessage(next).build();
  }

  /** Every tool result the model was shown, over all turns, by call id (the last request has them all). */
  synchronized List<ToolExecutionResultMessage> toolResults() {
    List<ToolExecutionResultMessage> out = new ArrayList<>();
    for (ChatMessage m : requests.get(requests.size() - 1).messages()) {
      if (m instanceof ToolExecutionResultMessage r) {
        out.add(r);
      }
    }
    return out;
  }

  synchronized boolean finished() {
    return script.isEmpty();
  }
}
