import { matchMaker } from '@colyseus/core';
import type { Town } from '@starscape/shared';
import type { TownChange } from '../towns/townChanges';

/** What a town's host answers to a call from another process: the town, or that it is not live there (closing, gone). */
export type RemoteTownAnswer = { town: Town } | { gone: true };

/** The town host methods other processes call (through Colyseus's remote room calls over presence), with the town id first. */
export const TownRoomCall = { Apply: 'applyOutsideChange', Current: 'currentTown' } as const;

/** How long a call to another process's room may take before we count that room as gone. */
const CALL_TIMEOUT_MS = 2_000;

/** Reaches a live town held by another process, through its host room (`hostRoomId`). */
export interface RemoteTowns {
  /** Applies the change in the town's host (which saves it before answering); 'gone' when the town is closing there or unreachable. */
  apply(hostRoomId: string, townId: string, change: TownChange): Promise<Town | 'gone'>;
  /** The town as its host holds it now; 'gone' as above. */
  current(hostRoomId: string, townId: string): Promise<Town | 'gone'>;
}

/** Remote towns through `matchMaker.remoteRoomCall` (local presence: same process; Redis: any process). */
export class ColyseusRemoteTowns implements RemoteTowns {
  apply(hostRoomId: string, townId: string, change: TownChange): Promise<Town | 'gone'> {
    return this.call(hostRoomId, TownRoomCall.Apply, [townId, change]);
  }

  current(hostRoomId: string, townId: string): Promise<Town | 'gone'> {
    return this.call(hostRoomId, TownRoomCall.Current, [townId]);
  }

  private async call(roomId: string, method: string, args: unknown[]): Promise<Town | 'gone'> {
    try {
      const answer = (await matchMaker.remoteRoomCall(roomId, method, args, CALL_TIMEOUT_MS)) as RemoteTownAnswer | undefined;
      return answer && 'town' in answer ? answer.town : 'gone';
    } catch {
      return 'gone'; // the host closed, or its process stopped answering: the caller looks again
    }
  }
}
