import type { Platform } from "../../src/core/inbound.ts";

/** What a person sees from the bot after one of their actions, as the platform showed it. */
export interface SeenReply {
  text: string;
  /** Labels of the buttons / menu entries offered with this message. */
  choices: string[];
  /** A form that was opened (Slack or Discord modal, web form), with its field labels. */
  form?: { title: string; fields: string[] };
  /** True when only this person saw it (ephemeral message, or sent in a private chat). */
  private: boolean;
}

/**
 * Drives one platform through its real SDK and the fake platform server, as people would. Persons
 * are short names ("alice"); the driver gives each a stable platform account.
 */
export interface ChannelDriver {
  platform: Platform;
  /** The workspace / guild / group chat where `where: "group"` conversations happen. */
  groupScopeId: string;
  /** The scope id the adapter puts in InboundCommands for private conversations. */
  privateScopeId: string;
  /** The person's account id as stored in PlatformIdentity.externalId. */
  externalId(person: string): string;
  /** The person types `text` (a command, with or without the platform's slash convention). */
  send(person: string, text: string, where?: "private" | "group"): Promise<SeenReply[]>;
  /** The person presses the button or picks the menu entry labelled `label` in the last reply that offered it. */
  press(person: string, label: string): Promise<SeenReply[]>;
  /**
   * The person fills the form last opened for them and submits it. `values` are keyed by field
   * label as shown to them; fields not listed keep their current value.
   */
  submitForm(person: string, values: Record<string, string>): Promise<SeenReply[]>;
  /** The platform delivers the person's last event again, unchanged (a retry or redelivery). */
  redeliverLast(person: string): Promise<SeenReply[]>;
  close(): Promise<void>;
}
