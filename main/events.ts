// In-process event bus from services to whichever front end is attached (IPC host or web bridge).
import type { ApiEvents, EventName } from '../shared/api/contract';

export type EventListener = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch {
        // A broken front end must not break the service that emitted the event.
      }
    }
  }
}
