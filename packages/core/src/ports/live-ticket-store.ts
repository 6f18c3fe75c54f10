/** A short-lived pass to one view's live channel, for clients that can't send headers. */
export interface LiveTicket {
  readonly ticket: string;
  readonly tenant: string;
  readonly view: string;
  readonly role: 'viewer' | 'admin';
  readonly subject: string;
  /** The credential the ticket was obtained with: its revocation or expiry closes the channel too. */
  readonly credentialJti: string;
  readonly credentialExp: number;
  /** ms since the epoch; at most 5 minutes after creation. */
  readonly expiresAt: number;
}

export interface LiveTicketStore {
  create(ticket: LiveTicket): Promise<void>;
  /** The ticket if it exists and has not expired. */
  find(ticket: string, now: number): Promise<LiveTicket | undefined>;
}
