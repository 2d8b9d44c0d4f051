import styles from './landing.module.css';

const FEATURES = [
  {
    title: 'Build your starbase',
    text: 'Raise a command center, storage silos and a shipyard, one upgrade at a time, each on its own build timer.',
    status: 'Live now',
    icon: '⬢',
  },
  {
    title: 'Mines and power',
    text: 'Metal, crystal and fuel flow in every second, even while you are offline. Keep your solar plants ahead of your mines or production slows.',
    status: 'Live now',
    icon: '◆',
  },
  {
    title: 'Fleets and missions',
    text: 'Fighters, frigates, cruisers and haulers. Send them on patrols, salvage runs and expeditions, or raid a rival.',
    status: 'Live now',
    icon: '➤',
  },
  {
    title: 'Live battles',
    text: 'Watch fights unfold ship by ship in real time, and step in to focus fire or call a retreat.',
    status: 'Live now',
    icon: '✦',
  },
];

export function FeatureGrid() {
  return (
    <section className={`container ${styles.section}`} aria-labelledby="features-title">
      <span className="eyebrow">What you do</span>
      <h2 id="features-title" className={styles.sectionTitle}>
        From one mine to a fleet that owns the sector
      </h2>
      <div className={styles.features}>
        {FEATURES.map((f) => (
          <article key={f.title} className={`panel ${styles.feature}`}>
            <div className={styles.featureIcon} aria-hidden="true">
              {f.icon}
            </div>
            <h3>{f.title}</h3>
            <p className="muted">{f.text}</p>
            <span className={`badge ${f.status === 'Live now' ? styles.badgeLive : ''}`}>{f.status}</span>
          </article>
        ))}
      </div>
    </section>
  );
}
