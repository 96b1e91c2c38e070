/**
 * The one upstream slot a channel holds: kept across reconnects to the same source (so an API
 * outage cannot strand a channel whose upstream merely hiccuped), swapped when it fails over.
 */
import { errorFields, type Logger } from "../logger.ts";
import type { Source, UpstreamSlots } from "./source.ts";

export class SlotLease {
  private held: Source | undefined;

  constructor(
    private readonly streamId: string,
    private readonly slots: UpstreamSlots | undefined,
    private readonly logger: Logger,
  ) {}

  /** True when the channel may connect to `source`; releases the previous source's slot first. */
  async take(source: Source): Promise<boolean> {
    if (this.held?.id === source.id) return true;
    await this.release();
    if (this.slots !== undefined) {
      try {
        if (!(await this.slots.acquire(this.streamId, source))) return false;
      } catch (error) {
        this.logger.warn(
          { streamId: this.streamId, sourceId: source.id, ...errorFields(error) },
          "slot acquire failed",
        );
        return false;
      }
    }
    this.held = source;
    return true;
  }

  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (held === undefined || this.slots === undefined) return;
    try {
      await this.slots.release(this.streamId, held);
    } catch (error) {
      this.logger.warn(
        { streamId: this.streamId, sourceId: held.id, ...errorFields(error) },
        "slot release failed",
      );
    }
  }
}
