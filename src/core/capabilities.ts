/**
 * What an adapter can really do on its platform. The dispatcher reads these to
 * degrade honestly (design: soft mute, recall notice) instead of pretending.
 */
export interface Capabilities {
  canDelete: boolean;
  canMute: boolean;
  canKick: boolean;
  canBan: boolean;
  canPin: boolean;
  /** Longest text one message may carry; longer replies are split. */
  maxTextLength: number;
  /** Messages per second the bot may send into one chat. */
  sendRatePerChat: number;
  /** Messages per second the bot may send overall. */
  sendRateGlobal: number;
}
