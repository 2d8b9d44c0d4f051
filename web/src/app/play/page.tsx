import type { Metadata } from 'next';
import { GameProvider } from '../../game/session/GameProvider';
import { GameView } from '../../game/ui/GameView';
import { requireUser } from '../../server/session';

export const metadata: Metadata = { title: 'Play' };

/** The game: signed-in players only. `?visit=<townId>` opens another player's starbase read-only. */
export default async function PlayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('/play');
  const { visit } = await searchParams;
  const townId = typeof visit === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(visit) ? visit : undefined;
  return (
    <div className="container">
      <GameProvider townId={townId}>
        <GameView />
      </GameProvider>
    </div>
  );
}
