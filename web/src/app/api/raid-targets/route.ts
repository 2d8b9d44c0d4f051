import { apiRoute, otherMethods } from '../../../server/apiRoute';
import { errorResponse, failureResponse, jsonResponse } from '../../../server/apiResponse';
import { db } from '../../../server/db';
import { listRaidTargets, parseLimit, type RaidTargetsResponse } from '../../../server/raidTargets';
import { currentUser } from '../../../server/session';

/**
 * GET /api/raid-targets[?limit=1..30] → 200 `{ targets: [{ townId, name, ownerName, foundedAt, defenseLevel }],
 * protectedCount }`: other players' starbases that are not under newcomer protection now, most recently active
 * first. 401 without a live session; 400 for a `limit` that is not a whole number from 1 (above 30 is capped).
 */
export const GET = apiRoute('api/raid-targets', async (request) => {
  const user = await currentUser();
  if (!user) return errorResponse(401, 'You are not signed in.');
  const limit = parseLimit(new URL(request.url).searchParams.get('limit'));
  if (!limit.ok) return failureResponse({ status: 400, error: limit.error, fields: { limit: limit.error } });
  const body: RaidTargetsResponse = await listRaidTargets(db(), user.id, Date.now(), limit.limit);
  return jsonResponse(body);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
