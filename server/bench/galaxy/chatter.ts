import type { Rng } from '@starscape/shared';

const WORDS = [
  'anyone', 'selling', 'metal', 'crystal', 'for', 'cruisers', 'raid', 'on', 'slot', 'twelve', 'is', 'open', 'gg',
  'lol', 'need', 'help', 'with', 'defence', 'my', 'shipyard', 'just', 'hit', 'level', 'five', 'who', 'took', 'the',
  'north', 'base', 'alliance', 'recruiting', 'active', 'players', 'only', 'watch', 'out', 'fleet', 'incoming',
  'from', 'sector', 'two', 'thanks', 'nice', 'trade', 'deal', 'later', 'tonight', 'frigates', 'fighters', 'again',
];

/** A chat message like players write: 3 to 14 plain words, 15 to 100 characters. */
export function chatter(rng: Rng): string {
  const words = Array.from({ length: rng.int(3, 14) }, () => WORDS[rng.int(0, WORDS.length - 1)]!);
  return words.join(' ');
}
