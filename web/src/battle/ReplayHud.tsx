import type { BattleSide } from '@starscape/shared';
import { formatBattleClock } from './interpolate';
import type { SideStanding } from './replayEngine';
import styles from './battle.module.css';

/** The strip over the arena: each side's name, units still fighting and hull left, and the battle clock between. */
export function ReplayHud({
  standing,
  names,
  viewerSide,
  clockSteps,
}: {
  standing: Record<BattleSide, SideStanding>;
  names: Record<BattleSide, string>;
  viewerSide: BattleSide | null;
  clockSteps: number;
}) {
  const side = (s: BattleSide) => {
    const st = standing[s];
    const hull = st.maxHull > 0 ? st.hull / st.maxHull : 0;
    return (
      <div className={styles.hudSide} data-side={s}>
        <div className={styles.hudName}>
          <span className={styles.hudLabel}>{viewerSide === s ? 'You' : s}</span>
          <span className={styles.hudTitle}>{names[s]}</span>
        </div>
        <div className={styles.hudMeter} title={`${Math.round(hull * 100)}% hull left`}>
          <span style={{ width: `${hull * 100}%` }} />
        </div>
        <span className={`num ${styles.hudCount}`} title={`${st.active} of ${st.total} units still fighting`}>
          {st.active}
          <span className={styles.hudOf}>/{st.total}</span>
        </span>
      </div>
    );
  };
  return (
    <div className={styles.hud}>
      {side('attacker')}
      <span className={`num ${styles.hudClock}`}>{formatBattleClock(clockSteps)}</span>
      {side('defender')}
    </div>
  );
}
