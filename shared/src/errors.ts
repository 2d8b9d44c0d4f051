/**
 * Every typed error a player or a client can be told, in one commented union.
 * Rules return them as values (`{ ok: false, code }`); the server sends them in the `error` message;
 * clients show `ERROR_MESSAGES[code]`.
 */
export type ErrorCode =
  // --- messages at the room's edge
  /** the payload failed validation (wrong type, missing or extra field, too large) */
  | 'message/invalid'
  /** the message type is not one the room knows */
  | 'message/unknown-type'
  /** the client sends messages faster than a person could */
  | 'message/rate-limited'
  // --- who may do what
  /** joining without a game token */
  | 'auth/missing-token'
  /** the token is malformed, forged, or signed with another key */
  | 'auth/invalid-token'
  /** the token's lifetime is over; fetch a new one */
  | 'auth/expired-token'
  /** the token was issued for another service or by another issuer */
  | 'auth/wrong-audience'
  /** the token names an account that no longer exists */
  | 'auth/unknown-user'
  /** a visitor tried to command a town they do not own */
  | 'auth/not-owner'
  // --- rooms
  /** the join options are malformed */
  | 'town/invalid-options'
  /** no town with that id */
  | 'town/not-found'
  /** the sector asked for is not a sector number */
  | 'galaxy/invalid-options'
  // --- chat
  /** an empty message (after trimming) */
  | 'chat/empty'
  /** longer than CHAT_MAX_LENGTH characters */
  | 'chat/too-long'
  /** control or invisible formatting characters */
  | 'chat/invalid-text'
  /** more messages than CHAT_BURST at once, or faster than one per CHAT_REFILL_MS after */
  | 'chat/rate-limited'
  /** a player cannot mute themselves */
  | 'chat/mute-self'
  /** mute named an account that does not exist */
  | 'chat/no-such-player'
  // --- the server
  /** storage failed for a moment; nothing changed, try again */
  | 'server/unavailable'
  /** another server process is opening or closing this room right now; joining again finds it */
  | 'server/room-elsewhere'
  // --- building upgrades
  /** another upgrade is already running; one at a time */
  | 'upgrade/busy'
  | 'upgrade/not-enough-metal'
  | 'upgrade/not-enough-crystal'
  | 'upgrade/not-enough-fuel'
  /** the building is at its highest level */
  | 'upgrade/max-level'
  /** cancel asked while nothing is being built */
  | 'upgrade/none'
  // --- shipyard
  /** ships need a shipyard (level 1 or more) */
  | 'shipyard/not-built'
  /** the shipyard queue holds at most SHIPYARD_QUEUE_LIMIT orders */
  | 'shipyard/queue-full'
  | 'shipyard/not-enough-metal'
  | 'shipyard/not-enough-crystal'
  | 'shipyard/not-enough-fuel'
  /** cancel named an order that is not in the queue */
  | 'shipyard/no-such-order'
  // --- fleets and missions
  /** a fleet needs at least one ship */
  | 'fleet/empty'
  /** fewer ships of a type are docked than the fleet asks for */
  | 'fleet/not-enough-ships'
  /** the flight costs more fuel than is stored */
  | 'fleet/not-enough-fuel'
  /** a starbase can have at most MAX_FLEETS_IN_FLIGHT fleets away */
  | 'fleet/too-many'
  /** salvage needs cargo room: take a hauler or another ship with cargo */
  | 'fleet/no-cargo'
  /** more ships than one side may bring into a battle (MAX_SHIPS_PER_SIDE) */
  | 'fleet/too-large'
  /** the mission is not on the current board (it refreshed) */
  | 'mission/unknown'
  /** this town already flew that mission */
  | 'mission/taken'
  /** raids on your own starbase are not possible */
  | 'raid/own-town'
  /** the target is a newcomer, protected from raids for now */
  | 'raid/target-protected'
  /** a raid needs at least one armed ship */
  | 'raid/unarmed'
  /** the starbase to raid does not exist (any more) */
  | 'raid/no-such-town'
  // --- battles
  /** the battle has ended */
  | 'combat/over'
  /** the order names a step already simulated */
  | 'combat/past-step'
  /** focus names an id that is not in this battle */
  | 'combat/unknown-target'
  /** focus names one of your own ships */
  | 'combat/own-target'
  /** focus names an enemy already destroyed or escaped */
  | 'combat/target-gone'
  /** spectators watch; only the sides' commanders give orders */
  | 'combat/not-a-combatant'
  /** no battle with that id */
  | 'combat/not-found';

/** Human text for each code, shown by clients as is. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'message/invalid': 'That request was malformed and was ignored.',
  'message/unknown-type': 'Unknown request type.',
  'message/rate-limited': 'Too many requests: slow down.',
  'auth/missing-token': 'Sign in to play: no game token was sent.',
  'auth/invalid-token': 'Your game token is not valid. Sign in again.',
  'auth/expired-token': 'Your game token has expired. Reload to get a new one.',
  'auth/wrong-audience': 'That token is not meant for the game server.',
  'auth/unknown-user': 'This account no longer exists.',
  'auth/not-owner': 'Visitors can look around but cannot command this starbase.',
  'town/invalid-options': 'A town id is needed to join a starbase.',
  'town/not-found': 'No starbase with that id.',
  'upgrade/busy': 'Construction crews are busy with another upgrade.',
  'upgrade/not-enough-metal': 'Not enough metal.',
  'upgrade/not-enough-crystal': 'Not enough crystal.',
  'upgrade/not-enough-fuel': 'Not enough fuel.',
  'upgrade/max-level': 'This building is at its highest level.',
  'upgrade/none': 'Nothing is being built.',
  'shipyard/not-built': 'Build a shipyard first.',
  'shipyard/queue-full': 'The shipyard queue is full.',
  'shipyard/not-enough-metal': 'Not enough metal for these ships.',
  'shipyard/not-enough-crystal': 'Not enough crystal for these ships.',
  'shipyard/not-enough-fuel': 'Not enough fuel for these ships.',
  'shipyard/no-such-order': 'That shipyard order is no longer in the queue.',
  'fleet/empty': 'Pick at least one ship.',
  'fleet/not-enough-ships': 'Not that many ships are docked.',
  'fleet/not-enough-fuel': 'Not enough fuel for the flight.',
  'fleet/too-many': 'Too many fleets are away: wait for one to come home.',
  'fleet/no-cargo': 'This mission needs cargo room: add a hauler.',
  'fleet/too-large': 'A fleet can bring at most 500 ships into a battle.',
  'mission/unknown': 'That mission is no longer on the board.',
  'mission/taken': 'Your fleets already flew that mission.',
  'galaxy/invalid-options': 'No such sector.',
  'chat/empty': 'Type a message first.',
  'chat/too-long': 'Messages can be at most 280 characters.',
  'chat/invalid-text': 'That message holds characters that cannot be shown.',
  'chat/rate-limited': 'You are sending messages too fast: wait a moment.',
  'chat/mute-self': 'You cannot mute yourself.',
  'chat/no-such-player': 'No such player.',
  'server/unavailable': 'The server could not do that just now. Try again in a moment.',
  'server/room-elsewhere': 'This place is being opened on another server. Joining again in a moment.',
  'raid/own-town': 'You cannot raid your own starbase.',
  'raid/target-protected': 'That starbase is under newcomer protection.',
  'raid/unarmed': 'A raid needs at least one armed ship: scouts cannot fight.',
  'raid/no-such-town': 'That starbase no longer exists.',
  'combat/over': 'The battle is over.',
  'combat/past-step': 'Too late: that moment of the battle has passed.',
  'combat/unknown-target': 'No such ship in this battle.',
  'combat/own-target': 'That ship is on your side.',
  'combat/target-gone': 'That ship is already gone.',
  'combat/not-a-combatant': 'Spectators can watch but not give orders.',
  'combat/not-found': 'No battle with that id.',
};

/** What a rule returns: the new state, or why the move is illegal. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode): Result<T> => ({ ok: false, code });

/** Reads the error code back from a join refusal's message ("<code>: <human text>"); null if it has none. */
export function parseErrorCode(message: string): ErrorCode | null {
  const code = message.split(':', 1)[0] as ErrorCode;
  return code in ERROR_MESSAGES ? code : null;
}
