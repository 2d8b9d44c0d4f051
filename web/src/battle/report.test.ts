import { createBattle, outcome, resolveBattle, type CombatOrder } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { orderCaption, recentOrders } from './orderCaption';
import { formatBattleDuration, headline, resultFor, sideTotals, tallies, type BattleReport } from './report';

const result = outcome(resolveBattle(createBattle({ seed: 3, attacker: { ships: { fighter: 8, cruiser: 1 } }, defender: { ships: { frigate: 3 }, defenseStrength: 2 } })));

function report(fields: Partial<BattleReport>): BattleReport {
  return {
    id: 'b-1',
    kind: 'patrol',
    status: 'finished',
    startedAt: 0,
    finishedAt: 0,
    attacker: { side: 'attacker', name: "Nova's Starbase", townId: 't1' },
    defender: { side: 'defender', name: 'Pirates', townId: null },
    viewerSide: 'attacker',
    outcome: result,
    problem: null,
    loot: { kind: 'none' },
    ...fields,
  };
}

describe('battle reports', () => {
  it('the result is told from one side', () => {
    expect(resultFor('attacker', 'attacker')).toBe('victory');
    expect(resultFor('attacker', 'defender')).toBe('defeat');
    expect(resultFor('draw', 'defender')).toBe('draw');
    expect(resultFor(null, 'attacker')).toBeNull();
  });

  it('the headline speaks to the player who fought, and names the winner to anyone else', () => {
    const won = { ...result, winner: 'attacker' as const };
    expect(headline(report({ outcome: won }))).toBe('Victory');
    expect(headline(report({ outcome: won, viewerSide: 'defender' }))).toBe('Defeat');
    expect(headline(report({ outcome: won, viewerSide: null }))).toBe("Nova's Starbase won");
    expect(headline(report({ outcome: { ...won, winner: 'draw' }, viewerSide: null }))).toBe('Draw');
    expect(headline(report({ status: 'running', outcome: null }))).toBe('In progress');
    expect(headline(report({ outcome: null }))).toBe('Unknown result');
  });

  it('tallies list the ship types a side brought; brought = lost + escaped + survived', () => {
    const rows = tallies(result, 'attacker');
    expect(rows.map((r) => r.ship)).toEqual(['fighter', 'cruiser']);
    for (const r of rows) expect(r.brought).toBe(r.lost + r.escaped + r.survived);
    expect(sideTotals(result, 'attacker').brought).toBe(9);
    expect(sideTotals(result, 'defender').brought).toBe(3);
  });

  it('battle lengths read in simulated time', () => {
    expect(formatBattleDuration(0)).toBe('0s');
    expect(formatBattleDuration(170)).toBe('17s');
    expect(formatBattleDuration(1250)).toBe('2m 05s');
  });

  it('orders become captions for three seconds of battle after they apply', () => {
    const orders: CombatOrder[] = [
      { step: 10, side: 'attacker', kind: 'focus', targetId: 9 },
      { step: 50, side: 'defender', kind: 'retreat' },
    ];
    expect(recentOrders(orders, 10)).toEqual([]);
    expect(recentOrders(orders, 11)).toEqual([orders[0]]);
    expect(recentOrders(orders, 40)).toEqual([orders[0]]);
    expect(recentOrders(orders, 41)).toEqual([]);
    expect(orderCaption(orders[0]!, 'You', true, 'Frigate')).toBe('You focus fire on a frigate');
    expect(orderCaption(orders[1]!, "Nova's Starbase", false)).toBe("Nova's Starbase orders a retreat");
    expect(orderCaption({ step: 1, side: 'attacker', kind: 'engage' }, 'Pirates', true)).toBe('Pirates re-engage');
  });
});
