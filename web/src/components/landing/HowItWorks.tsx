import styles from './landing.module.css';

const STEPS = [
  { title: 'Found', text: 'Sign up, or jump in as a guest. You start with a small starbase and a stockpile of resources.' },
  { title: 'Grow', text: 'Upgrade mines, solar plants and storage. Your starbase keeps producing while you are away.' },
  { title: 'Expand', text: 'Build a shipyard, assemble a fleet and take on the galaxy. Fleets and battles are on their way.' },
];

export function HowItWorks() {
  return (
    <section className={`container ${styles.section}`} aria-labelledby="how-title">
      <span className="eyebrow">How it works</span>
      <h2 id="how-title" className={styles.sectionTitle}>
        Three steps to your first empire
      </h2>
      <ol className={styles.steps}>
        {STEPS.map((step, i) => (
          <li key={step.title} className={styles.step}>
            <span className={styles.stepNumber}>{String(i + 1).padStart(2, '0')}</span>
            <h3>{step.title}</h3>
            <p className="muted">{step.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
