import { matchMaker } from '@colyseus/core';
import type { Town } from '@starscape/shared';
import type { TownChange } from '../towns/townChanges';

/** What a town room answers to a call from another process: the town, or that it is closing. */
export type RemoteTownAnswer = { town: Town } | { gone: true };

/** The town room methods other processes call (through Colyseus's remote room calls over presence). */
export const TownRoomCall = { Apply: 'applyOutsideChange', Current: 'currentTown' } as const;

/** How long a call to another process's room may take before we count that room as gone. */
const CALL_TIMEOUT_MS = 2_000;

/** Reaches a town's live room held by another process. */
export interface RemoteTowns {
  /** Applies the change in the room (which saves it before answering); 'gone' when the room is closing or unreachable. */
  apply(roomId: string, change: TownChange): Promise<Town | 'gone'>;
  /** The town as the room holds it now; 'gone' as above. */
  current(roomId: string): Promise<Town | 'gone'>;
}

/** Remote towns through `matchMaker.remoteRoomCall` (local presence: same process; Redis: any process). */
export class ColyseusRemoteTowns implements RemoteTowns {
  apply(roomId: string, change: TownChange): Promise<Town | 'gone'> {
    return this.call(roomId, TownRoomCall.Apply, [change]);
  }

  current(roomId: string): Promise<Town | 'gone'> {
    return this.call(roomId, TownRoomCall.Current, []);
  }

  private async call(roomId: string, method: string, args: unknown[]): Promise<Town | 'gone'> {
    try {
      const answer = (await matchMaker.remoteRoomCall(roomId, method, args, CALL_TIMEOUT_MS)) as RemoteTownAnswer | undefined;
      return answer && 'town' in answer ? answer.town : 'gone';
    } catch {
      return 'gone'; // the room closed, or its process stopped answering: the caller looks again
    }
  }
}
